//! The progress bar of a big paste being read. It listens for its own progress, so that only it
//! re-renders as the reading moves on.

use engine::lang::Lang;
use yew::prelude::*;

use crate::i18n::{tf, Key};
use crate::reading::ProgressBoard;

#[derive(Properties, PartialEq)]
pub struct ReadingProgressProps {
    pub lang: Lang,
    /// The paste's id.
    pub id: u32,
    pub megabytes: usize,
    pub board: ProgressBoard,
}

#[component]
pub fn ReadingProgress(props: &ReadingProgressProps) -> Html {
    let percent = use_state(|| props.board.percent(props.id));
    {
        let board = props.board.clone();
        let setter = percent.setter();
        use_effect_with(props.id, move |id| {
            let id = *id;
            board.listen(id, Some(Callback::from(move |value| setter.set(value))));
            move || board.listen(id, None)
        });
    }
    let id = format!("paste-{}-progress", props.id);
    html! {
        <div class="reading" data-reading={percent.to_string()}>
            <label for={id.clone()}>
                { tf(props.lang, Key::InputsReading, &[("size", &props.megabytes.to_string())]) }
            </label>
            <progress {id} max="100" value={percent.to_string()}>{ format!("{} %", *percent) }</progress>
        </div>
    }
}
