//! The top-level component.

use yew::prelude::*;

#[component]
pub fn App() -> Html {
    html! {
        <main class="page">
            <header class="page-header">
                <h1 id="app-title">{ "ec2-iam-doctor" }</h1>
                <p class="tagline">
                    { "Why can't my EC2 instance get its IAM role's credentials? Paste what you have; nothing leaves this page." }
                </p>
            </header>
        </main>
    }
}
