//! Component tests in real headless Chromium (wasm-bindgen-test). Run by `make test`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn mount() -> web_sys::Element {
    let document = gloo::utils::document();
    let root = document
        .create_element("div")
        .unwrap_or_else(|_| panic!("cannot create the mount point"));
    gloo::utils::body()
        .append_child(&root)
        .unwrap_or_else(|_| panic!("cannot append the mount point"));
    yew::Renderer::<ec2_iam_doctor_web::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

#[wasm_bindgen_test]
async fn renders_the_heading() {
    let root = mount().await;
    let heading = root
        .query_selector("h1#app-title")
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no heading in: {}", root.inner_html()));
    assert_eq!(heading.text_content().as_deref(), Some("ec2-iam-doctor"));
}
