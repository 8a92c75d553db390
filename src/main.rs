//! Starts the page (see the library for the components).

/// A small allocator instead of std's dlmalloc (see `heap`: the wasm is 8 KB smaller).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static HEAP: ec2_iam_doctor_web::heap::SizeClasses<ec2_iam_doctor_web::heap::WasmMemory> =
    ec2_iam_doctor_web::heap::SizeClasses::new(ec2_iam_doctor_web::heap::WasmMemory);

fn main() {
    yew::Renderer::<ec2_iam_doctor_web::App>::new().render();
}
