//! Just enough Markdown for the rules' long explanations (written beside each rule in the
//! engine): `##` headings, paragraphs (hard-wrapped lines joined), fenced code blocks, `-` lists,
//! inline code and `<https://…>` links. Anything else shows as plain text; nothing is ever
//! inserted as raw HTML.

use yew::prelude::*;

use crate::render::inline_code;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    Code(String),
    List(Vec<String>),
}

/// Joins two wrapped lines: a space between Latin words, none between Japanese characters.
fn join(into: &mut String, line: &str) {
    let line = line.trim();
    if into.is_empty() {
        into.push_str(line);
        return;
    }
    let wide = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
    if !(wide(into.chars().last()) && wide(line.chars().next())) {
        into.push(' ');
    }
    into.push_str(line);
}

/// The blocks of a document; the first `#` title is left out (the finding has its own).
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut paragraph = String::new();
    let mut list: Vec<String> = Vec::new();
    let mut code: Option<String> = None;
    let flush = |out: &mut Vec<Block>, paragraph: &mut String, list: &mut Vec<String>| {
        if !paragraph.is_empty() {
            out.push(Block::Paragraph(std::mem::take(paragraph)));
        }
        if !list.is_empty() {
            out.push(Block::List(std::mem::take(list)));
        }
    };
    for line in markdown.lines() {
        if let Some(block) = code.as_mut() {
            if line.trim_start().starts_with("```") {
                out.push(Block::Code(std::mem::take(block)));
                code = None;
            } else {
                block.push_str(line);
                block.push('\n');
            }
            continue;
        }
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            flush(&mut out, &mut paragraph, &mut list);
            code = Some(String::new());
        } else if trimmed.is_empty() || trimmed.starts_with("# ") {
            // A blank line ends a block; the `#` title is left out.
            flush(&mut out, &mut paragraph, &mut list);
        } else if let Some(heading) = trimmed
            .strip_prefix("## ")
            .or_else(|| trimmed.strip_prefix("### "))
        {
            flush(&mut out, &mut paragraph, &mut list);
            out.push(Block::Heading(heading.to_owned()));
        } else if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            if !paragraph.is_empty() {
                out.push(Block::Paragraph(std::mem::take(&mut paragraph)));
            }
            list.push(item.to_owned());
        } else if let Some(last) = list.last_mut().filter(|_| line.starts_with("  ")) {
            join(last, trimmed);
        } else {
            if !list.is_empty() {
                out.push(Block::List(std::mem::take(&mut list)));
            }
            join(&mut paragraph, trimmed);
        }
    }
    if let Some(block) = code {
        out.push(Block::Code(block));
    }
    flush(&mut out, &mut paragraph, &mut list);
    out
}

/// Inline text: `<https://…>` becomes a link, backticks become code.
fn inline(text: &str) -> Html {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("<http") {
        let Some(close) = rest.get(open..).and_then(|after| after.find('>')) else {
            break;
        };
        parts.push(inline_code(rest.get(..open).unwrap_or_default()));
        let url = rest
            .get(open + 1..open + close)
            .unwrap_or_default()
            .to_owned();
        parts.push(html! {
            <a href={url.clone()} target="_blank" rel="noopener noreferrer">{ url }</a>
        });
        rest = rest.get(open + close + 1..).unwrap_or_default();
    }
    parts.push(inline_code(rest));
    html! { <>{ for parts }</> }
}

pub fn render(markdown: &str) -> Html {
    html! {
        <>
            { for blocks(markdown).into_iter().map(|block| match block {
                Block::Heading(text) => html! { <h5>{ inline(&text) }</h5> },
                Block::Paragraph(text) => html! { <p>{ inline(&text) }</p> },
                Block::Code(text) => html! { <pre><code>{ text }</code></pre> },
                Block::List(items) => html! {
                    <ul>{ for items.iter().map(|item| html! { <li>{ inline(item) }</li> }) }</ul>
                },
            }) }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_explanation_layout() {
        let text = "# `id`: title\n\n## What it checks\n\nOne line\nwrapped here.\n\n```sh\naws iam x\n```\n\n- a\n  b\n- <https://x>\n\n日本語の\n文です。";
        assert_eq!(
            blocks(text),
            vec![
                Block::Heading("What it checks".into()),
                Block::Paragraph("One line wrapped here.".into()),
                Block::Code("aws iam x\n".into()),
                Block::List(vec!["a b".into(), "<https://x>".into()]),
                Block::Paragraph("日本語の文です。".into()),
            ]
        );
    }

    #[test]
    fn every_rule_explanation_reads_into_blocks() {
        for rule in engine::rules::rules() {
            for lang in engine::lang::Lang::ALL {
                let blocks = blocks(rule.explanation.get(lang));
                let headings = blocks
                    .iter()
                    .filter(|b| matches!(b, Block::Heading(_)))
                    .count();
                assert!(
                    headings >= 4,
                    "{} ({:?}) has {headings} headings",
                    rule.id,
                    lang
                );
            }
        }
    }
}
