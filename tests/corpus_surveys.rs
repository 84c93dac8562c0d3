//! Every survey export of the shared corpus (`../shared/corpus/surveys`) reads with
//! the layout and question kinds its MANIFEST describes. Skips with a printed reason
//! when the corpus is absent (a user's clone).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use planwright::io::survey::{self, SurveyOptions};
use planwright::model::survey::{QuestionKind, Survey};

fn corpus() -> Option<PathBuf> {
    let dir = manifest_dir().join("../shared/corpus/surveys");
    dir.is_dir().then_some(dir)
}

fn read(dir: &Path, name: &str) -> Survey {
    let path = dir.join(name);
    survey::parse(
        &std::fs::read(&path).unwrap(),
        &path,
        &SurveyOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn summary(s: &Survey) -> String {
    s.questions
        .iter()
        .map(|q| format!("{}:{}({})", q.key, q.kind.code(), q.options.len()))
        .collect::<Vec<_>>()
        .join(" ")
}

fn find<'a>(s: &'a Survey, title_start: &str) -> (usize, &'a planwright::model::survey::Question) {
    s.questions
        .iter()
        .enumerate()
        .find(|(_, q)| q.title.starts_with(title_start))
        .unwrap_or_else(|| panic!("no question starting {title_start:?} in {}", s.name))
}

#[test]
fn every_export_reads_with_its_tool_and_responses() {
    let Some(dir) = corpus() else {
        println!("skipped: ../shared/corpus/surveys is not here (a user's clone)");
        return;
    };
    // (file, tool, responses) as the MANIFEST lists them.
    let expected = [
        ("qualtrics_modern_sample_de.csv", "qualtrics", 1),
        ("qualtrics_legacy_sample.csv", "qualtrics_legacy", 1),
        ("qualtrics_insights_many_types.csv", "qualtrics", 5),
        ("qualtrics_legacy_many_types.csv", "qualtrics_legacy", 5),
        ("qualtrics_insights_text_entry.csv", "qualtrics", 15),
        ("surveymonkey_ggwash_anc_2026.csv", "surveymonkey", 86),
        ("googleforms_rcommunity_2019_es.csv", "google_forms", 338),
        ("googleforms_rcommunity_2019_es.tsv", "google_forms", 338),
        ("googleforms_rcommunity_2019_es.xlsx", "google_forms", 338),
        ("wjx_reportgen_800_text.xls", "wjx", 800),
        ("wjx_reportgen_800_numeric.xls", "wjx", 800),
    ];
    for (file, tool, responses) in expected {
        let s = read(&dir, file);
        println!(
            "{file}: {} responses, {} questions\n  {}",
            s.responses,
            s.questions.len(),
            summary(&s)
        );
        assert_eq!(
            (s.source.as_str(), s.responses),
            (tool, responses),
            "{file}"
        );
        assert!(s.answers.iter().all(|a| a.len() == responses), "{file}");
        let mut keys: Vec<&str> = s.questions.iter().map(|q| q.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), s.questions.len(), "{file}: keys are unique");
    }
}

#[test]
fn google_forms_nps_and_comma_labels_and_three_formats_agree() {
    let Some(dir) = corpus() else {
        println!("skipped: ../shared/corpus/surveys is not here (a user's clone)");
        return;
    };
    let csv = read(&dir, "googleforms_rcommunity_2019_es.csv");
    let (i, q) = find(&csv, "¿Qué tan probable es que recomiendes R");
    assert_eq!(q.kind, QuestionKind::Nps);
    let nps = csv.stats(i, None).unwrap().nps.unwrap();
    assert!(nps.promoters + nps.passives + nps.detractors > 300);
    // The label with a comma in it stays one option.
    let (_, tools) = find(&csv, "¿Qué herramientas utilizas con tus aplicaciones R?");
    assert_eq!(tools.kind, QuestionKind::Multi);
    assert!(
        tools
            .options
            .iter()
            .any(|o| o == "Línea de comandos de R (es decir, la interfaz nativa de la terminal R)"),
        "{:?}",
        tools.options
    );
    assert!(
        !tools
            .options
            .iter()
            .any(|o| o.starts_with("la interfaz nativa"))
    );
    // The same data as TSV (unquoted) and XLSX reads to the same questions and NPS.
    for other in [
        "googleforms_rcommunity_2019_es.tsv",
        "googleforms_rcommunity_2019_es.xlsx",
    ] {
        let s = read(&dir, other);
        let kinds = |s: &Survey| s.questions.iter().map(|q| q.kind).collect::<Vec<_>>();
        assert_eq!(kinds(&s), kinds(&csv), "{other}");
        assert_eq!(s.stats(i, None).unwrap().nps, Some(nps), "{other}");
    }
}

#[test]
fn wjx_text_and_number_exports_of_the_same_answers_agree() {
    let Some(dir) = corpus() else {
        println!("skipped: ../shared/corpus/surveys is not here (a user's clone)");
        return;
    };
    let text = read(&dir, "wjx_reportgen_800_text.xls");
    let numbers = read(&dir, "wjx_reportgen_800_numeric.xls");
    assert_eq!(text.questions.len(), numbers.questions.len());
    for (i, (a, b)) in text.questions.iter().zip(&numbers.questions).enumerate() {
        assert_eq!(
            (a.key.as_str(), a.kind),
            (b.key.as_str(), b.kind),
            "question {i}"
        );
        if matches!(a.kind, QuestionKind::Single | QuestionKind::Multi) {
            let counts = |s: &Survey| {
                let mut c: Vec<usize> = s
                    .stats(i, None)
                    .unwrap()
                    .options
                    .iter()
                    .map(|o| o.1)
                    .collect();
                c.sort_unstable();
                c
            };
            assert_eq!(counts(&text), counts(&numbers), "{}: same answers", a.key);
        }
    }
    // `┋`-joined choices, and the written-in "other" texts kept beside their option.
    let (q6, multi) = find(&text, "6、");
    assert_eq!(multi.kind, QuestionKind::Multi);
    assert!(
        text.other_text
            .iter()
            .any(|(q, texts)| *q >= q6 && texts.iter().flatten().count() > 0)
    );
    assert!(
        text.questions
            .iter()
            .flat_map(|q| &q.options)
            .any(|o| o.starts_with("其他【请注明】") && !o.contains('〖'))
    );
}

#[test]
fn qualtrics_and_surveymonkey_group_their_columns() {
    let Some(dir) = corpus() else {
        println!("skipped: ../shared/corpus/surveys is not here (a user's clone)");
        return;
    };
    for file in [
        "qualtrics_insights_many_types.csv",
        "qualtrics_legacy_many_types.csv",
    ] {
        let s = read(&dir, file);
        let q2 = s.questions.iter().find(|q| q.key == "Q2").unwrap();
        assert_eq!(
            (q2.kind, q2.options.len()),
            (QuestionKind::Multi, 3),
            "{file}"
        );
        assert!(
            q2.options.iter().any(|o| o.contains("Blueberries")),
            "{:?}",
            q2.options
        );
    }
    let entry = read(&dir, "qualtrics_insights_text_entry.csv");
    let mcma = entry
        .questions
        .iter()
        .position(|q| q.key == "MCMA")
        .unwrap();
    assert_eq!(entry.questions[mcma].kind, QuestionKind::Multi);
    assert!(
        entry.other_text.iter().any(|(q, _)| *q == mcma),
        "the _TEXT column stays with its question"
    );
    let monkey = read(&dir, "surveymonkey_ggwash_anc_2026.csv");
    let (_, affordable) = find(&monkey, "I consider affordable housing to be");
    assert_eq!(affordable.kind, QuestionKind::Multi);
    assert!(
        affordable.options.iter().any(|o| o == "Subsidized"),
        "{:?}",
        affordable.options
    );
}

#[test]
fn every_export_is_recognised_as_a_survey_with_no_hints() {
    let Some(dir) = corpus() else {
        println!("skipped: ../shared/corpus/surveys is not here (a user's clone)");
        return;
    };
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let kind = planwright::io::classify(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            kind,
            planwright::io::FileKind::Importable("survey"),
            "{}",
            path.display()
        );
    }
}

/// This clone's folder, read when the test runs: a test binary cached from another
/// clone (CI builds fresh clones into a shared target folder) must not read that one.
fn manifest_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(
        || env!("CARGO_MANIFEST_DIR").into(),
        std::path::PathBuf::from,
    )
}
