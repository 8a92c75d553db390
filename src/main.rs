//! Starts the page (see the library for the components).

fn main() {
    yew::Renderer::<ec2_iam_doctor_web::App>::new().render();
}
