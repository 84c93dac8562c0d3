//! The demo's user survey (`assets/demo/survey.json`: questions, options, comments,
//! the Kano features and how each role sees them, and the waves): 600 answers to a
//! 智能客服 App 2.0 satisfaction survey and 360 to the wave before, made up from a
//! fixed seed so every demo is the same. Recommendation follows satisfaction, and what
//! people wish for follows their role, so the dashboard has something to say.

use serde::Deserialize;

use super::DemoError;
use crate::model::survey::{Answers, Question, QuestionKind, Survey};

const SURVEY_JSON: &str = include_str!("../../assets/demo/survey.json");

/// The survey's content, as `survey.json` gives it.
#[derive(Deserialize)]
struct Content {
    source: String,
    questions: Titles,
    roles: Vec<String>,
    used: Vec<String>,
    wished: Vec<String>,
    /// For each role, the two wishes it leans to (by name).
    wishes_by_role: Vec<[String; 2]>,
    satisfaction: Vec<String>,
    /// The Kano scale, as 问卷星's Kano template words it.
    kano_scale: Vec<String>,
    kano_features: Vec<KanoFeature>,
    comments: Vec<String>,
    /// Oldest first.
    waves: Vec<Wave>,
}

/// The titles of the questions.
#[derive(Deserialize)]
struct Titles {
    nps: String,
    speed: String,
    accuracy: String,
    role: String,
    used: String,
    wished: String,
    comments: String,
}

/// A feature asked about on the Kano scale, named as in the requirement pool, and how
/// each role tends to see it: weights of attractive, one-dimensional, must-be and
/// indifferent, a row per role.
#[derive(Deserialize)]
struct KanoFeature {
    feature: String,
    weights_by_role: Vec<[u64; 4]>,
}

/// What differs between waves of the same survey.
#[derive(Deserialize)]
struct Wave {
    name: String,
    seed: u64,
    responses: usize,
    /// The two months answers came in.
    months: (u32, u32),
    /// Overall satisfaction (0–4) people are drawn from.
    moods: Vec<i64>,
    /// Whether this wave asked the Kano questions.
    kano: bool,
}

fn content() -> Result<Content, DemoError> {
    serde_json::from_str(SURVEY_JSON).map_err(|e| DemoError(format!("survey.json: {e}")))
}

/// The survey's waves, oldest first, the same every time.
pub(super) fn waves() -> Result<Vec<Survey>, DemoError> {
    let c = content()?;
    c.waves.iter().map(|w| wave(&c, w)).collect()
}

/// Question titles and labels, for the font check.
pub(super) fn all_text() -> String {
    SURVEY_JSON.to_owned() + &kano_title(0, "", true) + &kano_title(0, "", false)
}

fn kano_title(number: usize, feature: &str, functional: bool) -> String {
    format!(
        "{number}、如果 App {}「{feature}」，您的感受是？",
        if functional { "提供" } else { "不提供" }
    )
}

/// The Kano block (every functional question, then every dysfunctional one, as two
/// matrices would export), answered after the role each respondent gave.
fn kano_block(c: &Content, roles: &[Option<u32>], seed: u64) -> (Vec<Question>, Vec<Answers>) {
    let mut rng = Lcg(seed);
    let n = c.kano_features.len();
    let mut columns: Vec<Vec<Option<u32>>> = vec![Vec::with_capacity(roles.len()); 2 * n];
    for role in roles {
        let role = role.unwrap_or(0) as usize;
        for (f, feature) in c.kano_features.iter().enumerate() {
            let w = feature
                .weights_by_role
                .get(role)
                .copied()
                .unwrap_or([0, 0, 0, 1]);
            let mut pick = rng.below(w.iter().sum::<u64>());
            let cell = w
                .iter()
                .position(|&x| {
                    if pick < x {
                        true
                    } else {
                        pick -= x;
                        false
                    }
                })
                .unwrap_or(3);
            // Like 0, must-be 1, neutral 2, live with 3, dislike 4.
            let middle = |rng: &mut Lcg| 1 + rng.below(3) as u32;
            let (functional, dysfunctional) = if rng.below(25) == 0 {
                (4, 0) // reverse, now and then
            } else {
                match cell {
                    0 => (0, middle(&mut rng)),
                    1 => (0, 4),
                    2 => (middle(&mut rng), 4),
                    _ => (middle(&mut rng), middle(&mut rng)),
                }
            };
            columns[f].push(Some(functional));
            columns[n + f].push(Some(dysfunctional));
        }
    }
    let questions = (0..2 * n)
        .map(|i| {
            let number = 8 + i;
            let title = kano_title(number, &c.kano_features[i % n].feature, i < n);
            question(
                &format!("Q{number}"),
                &title,
                QuestionKind::Single,
                &c.kano_scale,
                None,
            )
        })
        .collect();
    (
        questions,
        columns.into_iter().map(Answers::choice).collect(),
    )
}

struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

fn question(
    key: &str,
    title: &str,
    kind: QuestionKind,
    options: &[String],
    scale: Option<(f64, f64)>,
) -> Question {
    Question {
        key: key.into(),
        title: title.into(),
        kind,
        options: options.to_vec(),
        scale,
        kind_set_by_user: false,
    }
}

/// Where a wish is among the wishes (its name as `survey.json` gives it).
fn wish_index(c: &Content, name: &str) -> u32 {
    c.wished.iter().position(|w| w == name).unwrap_or(0) as u32
}

fn wave(c: &Content, w: &Wave) -> Result<Survey, DemoError> {
    if w.moods.is_empty() || c.roles.is_empty() || c.used.is_empty() || c.wished.is_empty() {
        return Err(DemoError(format!(
            "survey.json: wave {} lacks choices",
            w.name
        )));
    }
    let mut rng = Lcg(w.seed);
    let (mut ids, mut times, mut nps, mut speed, mut accuracy) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut roles, mut used, mut wished, mut comments) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (n_used, n_wished) = (c.used.len() as u64, c.wished.len() as u64);
    for n in 0..w.responses {
        ids.push(Some((n + 1).to_string()));
        let day = 1 + rng.below(30);
        let month = if day > 20 { w.months.1 } else { w.months.0 };
        times.push(Some(format!(
            "2026/{month}/{} {}:{:02}:{:02}",
            if month == w.months.1 { day - 20 } else { day },
            9 + rng.below(12),
            rng.below(60),
            rng.below(60)
        )));
        // How satisfied this person is overall, 0–4; the answers lean on it.
        let mood = w.moods[rng.below(w.moods.len() as u64) as usize];
        let point = |rng: &mut Lcg| (mood + rng.below(3) as i64 - 1).clamp(0, 4);
        speed.push(Some(point(&mut rng) as f64 + 1.0));
        accuracy.push(if rng.below(20) == 0 {
            None
        } else {
            Some(point(&mut rng) as f64 + 1.0)
        });
        let score = (mood * 2 + 2 + rng.below(3) as i64 - 1).clamp(0, 10);
        nps.push(Some(score as f64));
        let role = rng.below(c.roles.len() as u64) as u32;
        roles.push(Some(role));
        let k = 1 + rng.below(3);
        let start = rng.below(n_used);
        used.push(Some(
            (0..k).map(|j| ((start + j) % n_used) as u32).collect(),
        ));
        // Each role leans to two wishes (坐席 want mobile and voice, IT the API …).
        let leaning = c
            .wishes_by_role
            .get(role as usize)
            .map_or([0, 0], |[a, b]| [wish_index(c, a), wish_index(c, b)]);
        let mut wish = vec![leaning[rng.below(2) as usize]];
        if rng.below(3) == 0 {
            let extra = rng.below(n_wished) as u32;
            if !wish.contains(&extra) {
                wish.push(extra);
            }
        }
        wished.push(Some(wish));
        comments.push(
            (rng.below(10) < 4)
                .then(|| c.comments[rng.below(c.comments.len() as u64) as usize].clone()),
        );
    }
    // Drawn from a generator of their own, so the other answers stay as they were.
    let (kano_questions, kano_answers) = if w.kano {
        kano_block(c, &roles, w.seed + 7)
    } else {
        (Vec::new(), Vec::new())
    };
    let t = &c.questions;
    let mut survey = Survey {
        name: w.name.clone(),
        source: c.source.clone(),
        responses: w.responses,
        questions: vec![
            question("序号", "序号", QuestionKind::Meta, &[], None),
            question(
                "提交答卷时间",
                "提交答卷时间",
                QuestionKind::Meta,
                &[],
                None,
            ),
            question("Q1", &t.nps, QuestionKind::Nps, &[], Some((0.0, 10.0))),
            question(
                "Q2",
                &t.speed,
                QuestionKind::Rating,
                &c.satisfaction,
                Some((1.0, 5.0)),
            ),
            question(
                "Q3",
                &t.accuracy,
                QuestionKind::Rating,
                &c.satisfaction,
                Some((1.0, 5.0)),
            ),
            question("Q4", &t.role, QuestionKind::Single, &c.roles, None),
            question("Q5", &t.used, QuestionKind::Multi, &c.used, None),
            question("Q6", &t.wished, QuestionKind::Multi, &c.wished, None),
            question("Q7", &t.comments, QuestionKind::Text, &[], None),
        ],
        answers: vec![
            Answers::text(ids),
            Answers::text(times),
            Answers::numbers(nps),
            Answers::numbers(speed),
            Answers::numbers(accuracy),
            Answers::choice(roles),
            Answers::choices(used, c.used.len()),
            Answers::choices(wished, c.wished.len()),
            Answers::text(comments),
        ],
        other_text: Vec::new(),
    };
    survey.questions.extend(kano_questions);
    survey.answers.extend(kano_answers);
    Ok(survey)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn survey() -> Survey {
        waves().unwrap().pop().unwrap()
    }

    fn previous_wave() -> Survey {
        waves().unwrap().swap_remove(0)
    }

    #[test]
    fn the_demo_survey_has_something_to_say() {
        let s = survey();
        assert_eq!(s.responses, 600);
        assert!(s.answers.iter().all(|a| a.len() == 600));
        let nps = s
            .stats(2, None)
            .and_then(|st| st.nps)
            .unwrap_or_else(|| panic!("nps"));
        assert!(nps.score > -50.0 && nps.score < 80.0, "{nps:?}");
        assert!(nps.promoters > 50 && nps.detractors > 50);
        let speed = s
            .stats(3, None)
            .and_then(|st| st.rating)
            .unwrap_or_else(|| panic!("rating"));
        assert!(speed.mean > 2.5 && speed.mean < 4.5);
        assert_eq!(survey(), s, "the same every time");
    }

    #[test]
    fn the_kano_block_pairs_up_and_differs_by_role() {
        use crate::model::kano::evaluate;
        use crate::model::requirement::Kano;
        let s = survey();
        let all = evaluate(&s, None);
        let names: Vec<&str> = all
            .iter()
            .map(|f| crate::model::kano::feature_name(&f.title))
            .collect();
        assert_eq!(
            names,
            ["离线消息提醒", "语音转文字", "工单自动分派", "会话自动摘要"]
        );
        // 坐席 (role 0) find offline reminders one-dimensional and voice input attractive;
        // 主管 (role 1) take automatic assignment for granted.
        let role = |r: u32| {
            let keep: Vec<bool> = (0..s.responses)
                .map(|i| s.answers[5].chosen(i) == Some(vec![r]))
                .collect();
            evaluate(&s, Some(&keep))
        };
        let agents = role(0);
        assert_eq!(agents[0].category, Some(Kano::Performance));
        assert_eq!(agents[1].category, Some(Kano::Attractive));
        assert_eq!(role(1)[2].category, Some(Kano::MustBe));
        // Over everyone, summaries delight.
        assert_eq!(all[3].category, Some(Kano::Attractive));
        // The earlier wave did not ask.
        assert!(evaluate(&previous_wave(), None).is_empty());
    }
}
