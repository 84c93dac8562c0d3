//! Reports through the user's own templates (minijinja, Jinja2 syntax) for HTML,
//! Markdown and chat text. The template sees the document as plain data — `title`,
//! `subtitle`, `organisation`, `lang`, `blocks` (each with a `kind`: heading,
//! paragraph, muted, bullets, statuses, table, chart) — and the report's `facts` (the
//! `--as json` object). User text is escaped for the format: HTML by the engine,
//! Markdown before the template sees it. A wrong template is refused with its file
//! name and line.

use serde_json::{Value, json};

use super::{Block, Document};

/// The formats a template can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateFormat {
    Html,
    Markdown,
    Text,
}

impl TemplateFormat {
    pub const ALL: [TemplateFormat; 3] = [
        TemplateFormat::Html,
        TemplateFormat::Markdown,
        TemplateFormat::Text,
    ];

    /// Its code in the workspace (`html`, `md`, `txt`), also the file extension.
    pub fn code(self) -> &'static str {
        match self {
            TemplateFormat::Html => "html",
            TemplateFormat::Markdown => "md",
            TemplateFormat::Text => "txt",
        }
    }

    pub fn from_code(code: &str) -> Option<TemplateFormat> {
        TemplateFormat::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The template that ships with Planwright, as a starting point to edit.
    pub fn default_source(self) -> &'static str {
        match self {
            TemplateFormat::Html => include_str!("../../../assets/templates/report.html.j2"),
            TemplateFormat::Markdown => include_str!("../../../assets/templates/report.md.j2"),
            TemplateFormat::Text => include_str!("../../../assets/templates/report.txt.j2"),
        }
    }
}

/// A template that cannot be read or rendered: where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", .line.map(|l| format!(" line {l}")).unwrap_or_default())]
pub struct TemplateError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

/// Renders `doc` through the template `source` (named `file` in errors).
pub fn render(
    doc: &Document,
    facts: &Value,
    source: &str,
    file: &str,
    format: TemplateFormat,
) -> Result<String, TemplateError> {
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    // The engine escapes HTML by the template's name.
    let name = format!("report.{}", format.code());
    let err = |e: minijinja::Error| TemplateError {
        file: file.to_owned(),
        line: e.line(),
        message: match e.detail() {
            Some(d) => format!("{} ({d})", e.kind()),
            None => e.kind().to_string(),
        },
    };
    env.add_template_owned(name.clone(), source.to_owned())
        .map_err(err)?;
    let template = env.get_template(&name).map_err(err)?;
    let ctx = context(doc, facts, format);
    let out = template
        .render(minijinja::Value::from(minijinja::value::Serde(&ctx)))
        .map_err(err)?;
    Ok(match format {
        // Names come from files: never let one drive a terminal.
        TemplateFormat::Text => {
            out.lines()
                .map(crate::model::safe_text)
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        }
        _ => out,
    })
}

/// The document as the template sees it, text escaped for Markdown.
fn context(doc: &Document, facts: &Value, format: TemplateFormat) -> Value {
    let t = |s: &str| -> String {
        match format {
            TemplateFormat::Markdown => crate::report::requirement_export::safe_markdown(s),
            _ => s.to_owned(),
        }
    };
    let cell = |s: &str| -> String {
        match format {
            TemplateFormat::Markdown => t(s).replace('|', "\\|").replace('\n', " "),
            _ => s.to_owned(),
        }
    };
    let blocks: Vec<Value> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading(s) => json!({"kind": "heading", "text": t(s)}),
            Block::Paragraph(s) => json!({"kind": "paragraph", "text": t(s)}),
            Block::Muted(s) => json!({"kind": "muted", "text": t(s)}),
            Block::Bullets(items) => {
                json!({"kind": "bullets", "items": items.iter().map(|i| t(i)).collect::<Vec<_>>()})
            }
            Block::Statuses(marks) => json!({"kind": "statuses", "statuses": marks.iter().map(|m| json!({
                "label": t(&m.label), "mark": t(&m.mark), "rag": m.rag.map(|r| r.code()),
            })).collect::<Vec<_>>()}),
            Block::Table(tb) => json!({
                "kind": "table",
                "name": t(&tb.name),
                "columns": tb.columns.iter().map(|c| cell(c)).collect::<Vec<_>>(),
                "rows": tb.rows.iter().map(|r| r.iter().map(|c| cell(&c.display())).collect::<Vec<_>>()).collect::<Vec<_>>(),
                "empty": t(&tb.empty),
            }),
            Block::Chart(c) => json!({"kind": "chart", "title": t(&c.title), "svg": c.svg, "width": c.width, "height": c.height}),
        })
        .collect();
    json!({
        "title": t(&doc.title),
        "subtitle": t(&doc.subtitle),
        "organisation": doc.organisation.as_deref().map(t),
        "running_header": t(&doc.running_header),
        "lang": doc.lang.code(),
        "blocks": blocks,
        "facts": facts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_templates_render_every_block_and_escape_user_text() {
        let doc = super::super::tests::sample();
        let facts = json!({"kind": "weekly"});
        for format in TemplateFormat::ALL {
            let out = render(&doc, &facts, format.default_source(), "default", format)
                .unwrap_or_else(|e| panic!("{format:?}: {e}"));
            assert!(out.contains("产品部"), "{format:?}: {out}");
            assert!(
                out.contains("总体") && out.contains("【红】"),
                "{format:?}: {out}"
            );
            assert!(out.contains("本周完成登录改版"), "{format:?}: {out}");
            match format {
                TemplateFormat::Html => {
                    assert!(out.contains("&lt;智能客服&gt; &amp; App"), "{out}");
                    assert!(out.contains("&lt;b&gt;粗&lt;") && !out.contains("<b>"));
                    assert!(out.contains("<svg") && out.contains("图表文字"));
                }
                TemplateFormat::Markdown => {
                    assert!(out.contains("# 项目周报：&lt;智能客服> & App"), "{out}");
                    assert!(out.contains("| A \\| B |  | -2 |"), "{out}");
                }
                TemplateFormat::Text => {
                    assert!(out.contains("2. A | B -2"), "{out}");
                    assert!(!out.lines().any(|l| l.starts_with('|')));
                }
            }
        }
    }

    #[test]
    fn a_wrong_template_is_refused_with_its_file_and_line() {
        let doc = super::super::tests::sample();
        let source =
            "# {{ title }}\n\n{% for b in blocks %}\n{{ b.kind | no_such_filter }}\n{% endfor %}\n";
        let e = render(
            &doc,
            &json!({}),
            source,
            "周报.md.j2",
            TemplateFormat::Markdown,
        )
        .err()
        .unwrap_or_else(|| panic!("refused"));
        assert_eq!(e.file, "周报.md.j2");
        assert_eq!(e.line, Some(4), "{e}");
        assert!(e.to_string().starts_with("周报.md.j2 line 4: "), "{e}");
        // A field that does not exist is an error too, not an empty string.
        let e = render(
            &doc,
            &json!({}),
            "{{ titel }}",
            "t.md.j2",
            TemplateFormat::Markdown,
        )
        .err()
        .unwrap_or_else(|| panic!("refused"));
        assert_eq!(e.line, Some(1));
    }
}
