//! `planwright survey FILE [--survey NAME] [--json]`.

use std::path::{Path, PathBuf};

use clap::Args;

use super::CliError;
use crate::store::Workspace;

#[derive(Debug, Args)]
pub struct SurveyArgs {
    /// The workspace (opened read-only; never changed).
    file: PathBuf,
    /// Only this survey (by name).
    #[arg(long)]
    survey: Option<String>,
    /// Print JSON (documented in the README).
    #[arg(long)]
    json: bool,
}

pub fn run(args: &SurveyArgs) -> Result<String, CliError> {
    surveys(&args.file, args.survey.as_deref(), args.json)
}

/// One question's figures as `survey --json` prints them: only the fields its kind has.
fn question_json(s: &crate::model::survey::Survey, i: usize) -> serde_json::Value {
    use crate::model::survey::{QuestionKind as K, one_decimal};
    let q = &s.questions[i];
    let Some(st) = s.stats(i, None) else {
        return serde_json::Value::Null;
    };
    let mut v = serde_json::json!({
        "key": q.key,
        "title": q.title,
        "kind": q.kind.code(),
        "answered": st.answered,
    });
    if let (K::Nps, Some(n)) = (q.kind, st.nps) {
        v["nps"] = serde_json::json!({
            "score": one_decimal(n.score),
            "promoters": n.promoters,
            "passives": n.passives,
            "detractors": n.detractors,
            "moe95": one_decimal(n.moe95),
        });
    }
    if let (K::Rating | K::Matrix, Some(r)) = (q.kind, st.rating) {
        v["rating"] = serde_json::json!({
            "min": r.min,
            "max": r.max,
            "mean": r.mean,
            "top2_pct": one_decimal(r.top2_pct),
        });
    }
    if matches!(q.kind, K::Single | K::Multi | K::Matrix | K::Rating) && !st.options.is_empty() {
        v["options"] = st
            .options
            .iter()
            .map(|(label, count)| serde_json::json!({ "label": label, "count": count }))
            .collect();
    }
    v
}

fn surveys(file: &Path, only: Option<&str>, json: bool) -> Result<String, CliError> {
    let ws = Workspace::open_read_only(file)?;
    let mut list = ws.surveys()?;
    if let Some(name) = only {
        list.retain(|s| s.name == name);
        if list.is_empty() {
            return Err(CliError::Usage(format!(
                "{}: no survey named \"{name}\"",
                file.display()
            )));
        }
    }
    let mut docs = Vec::new();
    let mut lines = Vec::new();
    for summary in &list {
        let Some(s) = ws.survey(summary.id)? else {
            continue;
        };
        let questions: Vec<serde_json::Value> = (0..s.questions.len())
            .map(|i| question_json(&s, i))
            .collect();
        lines.push(format!(
            "{} ({}): {} responses, {} questions",
            s.name,
            s.source,
            s.responses,
            s.questions.len()
        ));
        for q in &questions {
            let mut line = format!(
                "  {} [{}] {} answered",
                q["key"].as_str().unwrap_or(""),
                q["kind"].as_str().unwrap_or(""),
                q["answered"]
            );
            if let Some(score) = q["nps"]["score"].as_f64() {
                line.push_str(&format!(", NPS {score} ± {}", q["nps"]["moe95"]));
            }
            if let Some(mean) = q["rating"]["mean"].as_f64() {
                line.push_str(&format!(
                    ", mean {mean}, top-2 {}%",
                    q["rating"]["top2_pct"]
                ));
            }
            lines.push(line);
        }
        let kano: Vec<serde_json::Value> = crate::model::kano::evaluate(&s, None)
            .iter()
            .map(|f| {
                let [a, o, m, i, r, q] = f.counts;
                lines.push(format!(
                    "  Kano {}: {} (A {a}, O {o}, M {m}, I {i}, R {r}, Q {q}; better {:.2}, worse {:.2})",
                    crate::model::kano::feature_name(&f.title),
                    f.category.map_or("-", |k| k.code()),
                    f.better,
                    f.worse
                ));
                serde_json::json!({
                    "feature": crate::model::kano::feature_name(&f.title),
                    "functional": f.functional,
                    "dysfunctional": f.dysfunctional,
                    "counts": {"attractive": a, "one_dimensional": o, "must_be": m,
                        "indifferent": i, "reverse": r, "questionable": q},
                    "category": f.category.map(|k| k.code()),
                    "better": crate::model::survey::one_decimal(f.better * 100.0) / 100.0,
                    "worse": crate::model::survey::one_decimal(f.worse * 100.0) / 100.0,
                })
            })
            .collect();
        docs.push(serde_json::json!({
            "name": s.name,
            "responses": s.responses,
            "questions": questions,
            "kano": kano,
        }));
    }
    if json {
        return Ok(serde_json::json!({ "surveys": docs }).to_string());
    }
    Ok(lines.join("\n"))
}
