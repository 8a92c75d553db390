//! The chain as a picture: an inline SVG of the links the credentials travel, each drawn as
//! the engine's verdict has it (known good, broken or unknown). A broken link is a button that
//! scrolls to its finding. Two layouts (four links a row on wide screens, two on narrow ones)
//! share one drawing. Each node carries `data-chain-link` and `data-state`.

use engine::chain::{ChainLink, LinkState, State as Status};
use engine::finding::Diagnosis;
use engine::lang::Lang;
use yew::prelude::*;

use crate::browser;
use crate::case_view::Shared;
use crate::components::findings::finding_element_id;
use crate::i18n::{t, tf, Key};
use crate::state::{Action, State, View};

const NODE_WIDTH: i32 = 212;
const NODE_HEIGHT: i32 = 56;
const GAP_X: i32 = 34;
const GAP_Y: i32 = 40;
const MARGIN: i32 = 6;

pub struct ChainViewProps<'a> {
    pub lang: Lang,
    pub diagnosis: &'a Shared<Diagnosis>,
    pub dispatch: &'a UseReducerDispatcher<State>,
}

/// A function, not a component: it keeps no state and draws a few shapes; a component type
/// costs ~1 KB of wasm.
pub fn chain_view(props: &ChainViewProps) -> Html {
    let lang = props.lang;
    let links = &props.diagnosis.verdict.chain;
    html! {
        <section class="panel chain" aria-labelledby="chain-title">
            <h2 id="chain-title">{ t(lang, Key::ChainTitle) }</h2>
            <p class="hint">{ t(lang, Key::ChainHint) }</p>
            <div class="chain-wide">{ drawing(props, links, 4, "wide") }</div>
            <div class="chain-narrow">{ drawing(props, links, 2, "narrow") }</div>
        </section>
    }
}

/// Where link `index` stands: rows run left to right, then right to left (a snake), so each
/// link sits next to the one before it.
fn position(index: usize, columns: usize) -> (i32, i32) {
    let row = index / columns;
    let mut column = index % columns;
    if row % 2 == 1 {
        column = columns - 1 - column;
    }
    let x = MARGIN + i32::try_from(column).unwrap_or(0) * (NODE_WIDTH + GAP_X);
    let y = MARGIN + i32::try_from(row).unwrap_or(0) * (NODE_HEIGHT + GAP_Y);
    (x, y)
}

/// Room for a link's name inside its box (after the mark, before the right edge).
const NAME_ROOM: i32 = NODE_WIDTH - 34 - 10;

/// The width to squeeze a name into when it would overflow its box: its width estimated at the
/// name's 14 px bold (a CJK character is about 14 px, another about 9 px); `None` when it fits.
fn squeeze(name: &str) -> Option<i32> {
    let width: i32 = name
        .chars()
        .map(|c| if c.is_ascii() { 9 } else { 14 })
        .sum();
    (width > NAME_ROOM).then_some(NAME_ROOM)
}

fn drawing(props: &ChainViewProps, links: &[LinkState], columns: usize, layout: &str) -> Html {
    let lang = props.lang;
    let rows = links.len().div_ceil(columns);
    let width = 2 * MARGIN + i32::try_from(columns).unwrap_or(1) * (NODE_WIDTH + GAP_X) - GAP_X;
    let height = 2 * MARGIN + i32::try_from(rows).unwrap_or(1) * (NODE_HEIGHT + GAP_Y) - GAP_Y;
    let edges = links.windows(2).enumerate().map(|(index, pair)| {
        let (x1, y1) = position(index, columns);
        let (x2, y2) = position(index + 1, columns);
        let broken = pair.iter().any(|l| l.state == Status::Broken);
        let (from, to) = if y1 == y2 {
            let (left, right) = if x1 < x2 { (x1 + NODE_WIDTH, x2) } else { (x1, x2 + NODE_WIDTH) };
            ((left, y1 + NODE_HEIGHT / 2), (right, y2 + NODE_HEIGHT / 2))
        } else {
            ((x1 + NODE_WIDTH / 2, y1 + NODE_HEIGHT), (x2 + NODE_WIDTH / 2, y2))
        };
        html! {
            <line class={classes!("chain-edge", broken.then_some("edge-broken"))}
                x1={from.0.to_string()} y1={from.1.to_string()} x2={to.0.to_string()} y2={to.1.to_string()} />
        }
    });
    let nodes = links.iter().enumerate().map(|(index, state)| {
        let (x, y) = position(index, columns);
        let name = t(lang, link_label(state.link));
        let status = t(lang, state_label(state.state));
        let label = tf(lang, Key::ChainLink, &[("link", name), ("status", status)]);
        let mark = match state.state {
            Status::Good => "✓",
            Status::Broken => "✕",
            Status::Unknown => "?",
        };
        let class = classes!("chain-link", format!("status-{}", state.state.id()));
        // The texts name a button (read from its content); an image is named by its label.
        let body = html! {
            <>
                <rect x={x.to_string()} y={y.to_string()} width={NODE_WIDTH.to_string()} height={NODE_HEIGHT.to_string()} rx="10" />
                <text x={(x + 14).to_string()} y={(y + NODE_HEIGHT / 2 + 5).to_string()} class="chain-mark" aria-hidden="true">{ mark }</text>
                <text x={(x + 34).to_string()} y={(y + NODE_HEIGHT / 2 - 4).to_string()} class="chain-name"
                    textLength={squeeze(name).map(|w| w.to_string())} lengthAdjust={squeeze(name).map(|_| "spacingAndGlyphs")}>{ name }</text>
                <text x={(x + 34).to_string()} y={(y + NODE_HEIGHT / 2 + 14).to_string()} class="chain-status">{ status }</text>
            </>
        };
        match (state.state, state.finding) {
            (Status::Broken, Some(finding)) => {
                let dispatch = props.dispatch.clone();
                let go = move || {
                    dispatch.dispatch(Action::SetView(View::Diagnosis));
                    browser::reveal_element(&finding_element_id(finding));
                };
                let onclick = {
                    let go = go.clone();
                    Callback::from(move |_: MouseEvent| go())
                };
                let onkeydown = Callback::from(move |event: KeyboardEvent| {
                    if event.key() == "Enter" || event.key() == " " {
                        event.prevent_default();
                        go();
                    }
                });
                html! {
                    <g {class} role="button" tabindex="0" data-chain-link={state.link.id()}
                        data-state={state.state.id()} {onclick} {onkeydown}>
                        { body }
                    </g>
                }
            }
            _ => html! {
                <g {class} role="img" aria-label={label} data-chain-link={state.link.id()} data-state={state.state.id()}>
                    { body }
                </g>
            },
        }
    });
    html! {
        <svg class={classes!("chain-svg", format!("chain-{layout}"))} viewBox={format!("0 0 {width} {height}")}
            role="group" aria-labelledby="chain-title" xmlns="http://www.w3.org/2000/svg">
            <g class="chain-edges" aria-hidden="true">{ for edges }</g>
            { for nodes }
        </svg>
    }
}

/// The label of a link in the page's catalog.
pub const fn link_label(link: ChainLink) -> Key {
    match link {
        ChainLink::Instance => Key::ChainInstance,
        ChainLink::Association => Key::ChainAssociation,
        ChainLink::Profile => Key::ChainProfile,
        ChainLink::Role => Key::ChainRole,
        ChainLink::Trust => Key::ChainTrust,
        ChainLink::Ec2 => Key::ChainEc2,
        ChainLink::Credentials => Key::ChainCredentials,
        ChainLink::Application => Key::ChainApplication,
    }
}

const fn state_label(state: Status) -> Key {
    match state {
        Status::Good => Key::StatusGood,
        Status::Broken => Key::StatusBroken,
        Status::Unknown => Key::StatusUnknown,
    }
}
