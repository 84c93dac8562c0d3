//! The demo's research: five interview notes with their quotes, the requirements they
//! and the survey's comments ask for, and the feedback items linking the two.

use rusqlite::Connection;

use crate::model::research::{
    Feedback, FeedbackFields, FeedbackId, FeedbackLink, FeedbackOrigin, NoteFields, NoteId,
    NoteKind, Requirement, RequirementFields, RequirementId, ResearchNote,
};
use crate::model::survey::{Survey, SurveyId};

/// (title, parent's index in this list, description, priority).
const REQUIREMENTS: [(&str, Option<usize>, &str, Option<u8>); 14] = [
    (
        "移动端工作台",
        None,
        "坐席和主管在手机上处理日常工作。",
        Some(0),
    ),
    (
        "手机处理工单",
        Some(0),
        "在手机上查看、回复、流转工单。",
        Some(0),
    ),
    (
        "离线消息提醒",
        Some(0),
        "下班或离线时，新消息以推送和短信提醒值班人员。",
        Some(1),
    ),
    ("智能辅助", None, "让 AI 替坐席做重复的事。", Some(1)),
    (
        "语音转文字",
        Some(3),
        "电话和语音消息自动转成文字，进入会话记录。",
        Some(2),
    ),
    (
        "会话自动摘要",
        Some(3),
        "会话结束时自动生成摘要，写入工单。",
        Some(1),
    ),
    (
        "客户情绪预警",
        Some(3),
        "识别客户情绪变差，及时提醒主管介入。",
        Some(1),
    ),
    ("知识库与质检", None, "答案找得到、质检配得快。", Some(2)),
    (
        "知识库语义搜索",
        Some(7),
        "按意思而不是关键字搜索知识库。",
        Some(1),
    ),
    (
        "质检规则模板",
        Some(7),
        "常用质检规则开箱即用，可复制修改。",
        Some(2),
    ),
    ("开放平台", None, "与客户已有系统打通。", Some(2)),
    (
        "开放 API 与 CRM 对接",
        Some(10),
        "REST API 和 Webhook，首批对接主流 CRM。",
        Some(1),
    ),
    (
        "高峰期响应性能",
        None,
        "高峰期回复延迟 P95 < 1 秒。",
        Some(0),
    ),
    ("新人培训资料", None, "上手指南、视频和练习环境。", Some(3)),
];

/// (kind, title, date, participants, segment, text, tags, quotes with the requirement
/// each asks for and its importance).
type NoteSeed = (
    NoteKind,
    &'static str,
    (i32, u32, u32),
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [(&'static str, usize, u8)],
);

const NOTES: [NoteSeed; 8] = [
    (
        NoteKind::Interview,
        "客服主管访谈：华东电商客户",
        (2026, 10, 12),
        "刘敏（客服主管）, 张伟（产品经理）",
        "中型电商",
        "双十一期间坐席 40 人，高峰时排队超过 200 人。主管大部分时间在盯大屏，发现客户情绪激动时往往已经晚了。希望系统能提前提醒，并且会话结束后自动写好摘要，坐席不用再手写小结。",
        &["高峰期", "情绪", "摘要"],
        &[
            ("等我看到客户骂人的时候，差评已经写好了", 6, 3),
            ("坐席每通会话写小结要两三分钟，一天下来就是一个小时", 5, 2),
            ("高峰时系统一卡，整个队列都停", 12, 3),
        ],
    ),
    (
        NoteKind::Interview,
        "一线坐席访谈：外包呼叫中心",
        (2026, 10, 18),
        "陈晓（坐席组长）, 王芳（用户研究）",
        "外包呼叫中心",
        "坐席轮班，晚班人少。下班路上常被叫回来处理加急工单，只能打电话问同事。新人第一周基本只能旁听，培训资料是几年前的文档。",
        &["移动端", "培训"],
        &[
            ("要是手机上能直接回工单，我就不用赶回公司了", 1, 3),
            ("新人看文档看不懂，最后都是老员工手把手教", 13, 2),
            ("晚上漏掉的消息第二天早上才看到", 2, 2),
        ],
    ),
    (
        NoteKind::FocusGroup,
        "焦点小组：IT 管理员",
        (2026, 10, 25),
        "五位客户 IT 管理员, 李强（架构师）, 王芳（用户研究）",
        "大型企业",
        "讨论集成需求。五家里有四家用自建或商业 CRM，希望工单状态双向同步。两家提到安全审计要求 API 调用可追踪。",
        &["API", "CRM", "安全"],
        &[
            ("没有 API，我们就只能每天导 Excel 再导进 CRM", 11, 3),
            ("审计要求每次调用都能查到是谁做的", 11, 2),
        ],
    ),
    (
        NoteKind::Observation,
        "现场观察：质检组一天",
        (2026, 11, 3),
        "质检组三人, 张伟（产品经理）",
        "中型电商",
        "质检专员每天抽检 120 通会话。配置一条新规则平均要 20 分钟，常常复制旧规则改错。知识库搜索“退货运费”找不到“运费险”的答案。",
        &["质检", "知识库"],
        &[
            ("每条规则都从零开始配，太费时间", 9, 2),
            ("搜不到就只能去群里问", 8, 2),
        ],
    ),
    (
        NoteKind::Interview,
        "IT 管理员访谈：连锁零售",
        (2026, 10, 21),
        "周杰（IT 经理）, 李强（架构师）",
        "大型企业",
        "门店 300 家，客服系统要和自建会员系统、工单系统打通。现在靠每天定时导出 Excel，数据总是晚一天。希望有开放 API 和回调通知。",
        &["API", "集成"],
        &[
            ("数据总是晚一天，门店投诉我们也是第二天才知道", 11, 3),
            ("回调通知比我们轮询靠谱", 11, 2),
        ],
    ),
    (
        NoteKind::Interview,
        "新人坐席访谈：入职第二周",
        (2026, 11, 5),
        "孙丽（坐席）, 王芳（用户研究）",
        "中型电商",
        "入职第二周，还不熟悉知识库的分类，找答案靠问老员工。高峰时不敢接复杂的单，怕答错。希望有智能推荐答案和练习环境。",
        &["培训", "知识库"],
        &[
            ("知识库我不知道该点哪个分类", 8, 2),
            ("要是能先在练习环境里试几次就好了", 13, 2),
        ],
    ),
    (
        NoteKind::Interview,
        "客服总监访谈：金融客户",
        (2026, 11, 14),
        "郑宏（客服总监）, 张伟（产品经理）",
        "金融",
        "合规要求所有通话留存并可检索。目前语音只有录音，质检要人工听。希望语音自动转文字并能按关键词质检，高峰期系统响应不能超过一秒。",
        &["语音", "合规", "质检"],
        &[
            ("每天要人工听两百通录音做质检", 4, 3),
            ("关键词质检规则能复用就好了", 9, 1),
            ("高峰期慢一秒，客户就挂电话", 12, 3),
        ],
    ),
    (
        NoteKind::DeskResearch,
        "竞品调研：语音与 AI 辅助",
        (2026, 11, 10),
        "张伟（产品经理）",
        "全部",
        "对比三家主要竞品：两家已提供通话实时转写，一家提供会话摘要。客户在选型时把语音转写列为加分项。",
        &["竞品", "语音"],
        &[("选型清单里语音转写是加分项", 4, 1)],
    ),
];

/// Survey comments and the requirement each asks for, with its importance.
const COMMENT_REQUIREMENTS: [(&str, usize, u8); 8] = [
    ("高峰期回复速度太慢，希望优化", 12, 3),
    ("希望手机上也能处理工单", 1, 2),
    ("知识库搜索不够准确，经常找不到答案", 8, 2),
    ("夜间值班时希望有离线消息提醒", 2, 2),
    ("希望支持语音转文字", 4, 1),
    ("希望能自动生成会话摘要", 5, 2),
    ("客户情绪识别可以早点提醒主管", 6, 2),
    ("希望开放 API 对接我们的 CRM", 11, 3),
];

/// How many answers per comment become feedback items.
const PER_COMMENT: usize = 3;

/// All text of the demo research, for the font check.
pub fn all_text() -> String {
    let mut s = String::from(POOL_JSON);
    for (title, _, description, _) in REQUIREMENTS {
        s.push_str(title);
        s.push_str(description);
    }
    for (_, title, _, participants, segment, text, tags, quotes) in NOTES {
        for t in [title, participants, segment, text] {
            s.push_str(t);
        }
        for t in tags {
            s.push_str(t);
        }
        for (q, _, _) in quotes {
            s.push_str(q);
        }
    }
    s
}

/// The demo's requirement pool (`assets/demo/requirements.json`): epics and their
/// requirements with status, priority, owner, release, scores and the plan tasks that
/// deliver them.
#[derive(serde::Deserialize)]
struct Pool {
    releases: Vec<PoolRelease>,
    epics: Vec<PoolEpic>,
}

#[derive(serde::Deserialize)]
struct PoolRelease {
    name: String,
    version: String,
    target: String,
    status: String,
}

#[derive(serde::Deserialize)]
struct PoolEpic {
    title: String,
    description: String,
    owner: String,
    children: Vec<PoolRequirement>,
}

#[derive(serde::Deserialize)]
struct PoolRequirement {
    title: String,
    kind: String,
    status: String,
    priority: u8,
    owner: String,
    /// 1 or 2: which of the pool's releases.
    release: Option<usize>,
    moscow: String,
    reach: f64,
    impact: f64,
    confidence: f64,
    effort: f64,
    business_value: f64,
    time_criticality: f64,
    risk_reduction: f64,
    job_size: f64,
    kano: String,
    value: f64,
    /// Names of demo plan tasks.
    tasks: Vec<String>,
}

const POOL_JSON: &str = include_str!("../../assets/demo/requirements.json");

/// Writes the releases and requirements; the ids by title.
fn seed_pool(
    conn: &Connection,
) -> rusqlite::Result<std::collections::HashMap<&'static str, RequirementId>> {
    use crate::model::requirement::{Kano, Moscow, Release, ReleaseFields, ReleaseId, Scores};
    let pool: Pool = serde_json::from_str(POOL_JSON)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    for (i, r) in pool.releases.iter().enumerate() {
        let release = Release {
            id: ReleaseId(i as i64 + 1),
            fields: ReleaseFields {
                name: r.name.clone(),
                version: r.version.clone(),
                target: chrono::NaiveDate::parse_from_str(&r.target, "%Y-%m-%d").ok(),
                status: r.status.clone(),
            },
        };
        super::requirement_rows::put_release(conn, release.id, Some(&release))?;
    }
    let description = |title: &str, or: &str| {
        REQUIREMENTS
            .iter()
            .find(|r| r.0 == title)
            .map_or_else(|| or.to_owned(), |r| r.2.to_owned())
    };
    let task = |name: &str| -> rusqlite::Result<Option<crate::model::TaskId>> {
        use rusqlite::OptionalExtension;
        conn.query_row("SELECT id FROM tasks WHERE name = ?1", [name], |r| {
            r.get(0).map(crate::model::TaskId)
        })
        .optional()
    };
    let mut next = 1;
    let mut put = |fields: RequirementFields| -> rusqlite::Result<RequirementId> {
        let r = Requirement {
            id: RequirementId(next),
            fields,
        };
        next += 1;
        super::requirement_rows::put_requirement(conn, r.id, Some(&r))?;
        Ok(r.id)
    };
    let mut ids = std::collections::HashMap::new();
    // Raised over the second half of 2026; due two weeks before their release, a few
    // of 2.0's already in November.
    let mut child = 0i64;
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    let raised = |n: i64| {
        day(2026, 6, 1).and_then(|d| d.checked_add_days(chrono::Days::new((n * 37 % 170) as u64)))
    };
    for epic in &pool.epics {
        let epic_id = put(RequirementFields {
            description: description(&epic.title, &epic.description),
            owner: epic.owner.clone(),
            status: "planned".into(),
            created: day(2026, 6, 1),
            ..RequirementFields::titled(&epic.title)
        })?;
        if let Some(t) = REQUIREMENTS.iter().find(|r| r.0 == epic.title) {
            ids.insert(t.0, epic_id);
        }
        for c in &epic.children {
            child += 1;
            let mut tasks = Vec::new();
            // Written as in the plan's outline: "K6 开放 API 与 Webhook".
            for name in &c.tasks {
                let bare = name.split_once(' ').map_or(name.as_str(), |x| x.1);
                tasks.extend(task(bare)?);
            }
            let id = put(RequirementFields {
                parent: Some(epic_id),
                description: description(&c.title, ""),
                kind: c.kind.clone(),
                status: c.status.clone(),
                priority: Some(c.priority),
                owner: c.owner.clone(),
                release: c.release.map(|r| ReleaseId(r as i64)),
                source: if REQUIREMENTS.iter().any(|r| r.0 == c.title) {
                    "feedback".into()
                } else {
                    "internal".into()
                },
                scores: Scores {
                    moscow: Moscow::ALL.into_iter().find(|m| m.code() == c.moscow),
                    reach: Some(c.reach),
                    impact: Some(c.impact),
                    confidence: Some(c.confidence),
                    effort: Some(c.effort),
                    business_value: Some(c.business_value),
                    time_criticality: Some(c.time_criticality),
                    risk_reduction: Some(c.risk_reduction),
                    job_size: Some(c.job_size),
                    kano: Kano::ALL.into_iter().find(|k| k.code() == c.kano),
                    value: Some(c.value),
                },
                tasks,
                created: raised(child),
                due: match c.release {
                    Some(1) if child % 9 == 0 => day(2026, 11, 20),
                    Some(1) => day(2027, 1, 15),
                    Some(2) => day(2027, 4, 16),
                    _ => None,
                },
                ..RequirementFields::titled(&c.title)
            })?;
            if let Some(t) = REQUIREMENTS.iter().find(|r| r.0 == c.title) {
                ids.insert(t.0, id);
            }
        }
    }
    Ok(ids)
}

/// Writes the demo research into a fresh workspace (ids from 1), linked to the demo
/// survey `survey` whose answers are `data`.
pub(super) fn seed(conn: &Connection, survey: SurveyId, data: &Survey) -> rusqlite::Result<()> {
    let ids = seed_pool(conn)?;
    // The notes and comments name requirements by their index in `REQUIREMENTS`.
    let req = |i: usize| {
        REQUIREMENTS
            .get(i)
            .and_then(|r| ids.get(r.0))
            .copied()
            .unwrap_or(RequirementId(1))
    };
    let mut next_feedback = 1;
    let mut add = |conn: &Connection, fields: FeedbackFields| {
        let f = Feedback {
            id: FeedbackId(next_feedback),
            fields,
        };
        next_feedback += 1;
        super::research_rows::put_feedback(conn, f.id, Some(&f))
    };
    for (n, (kind, title, (y, m, d), participants, segment, text, tags, quotes)) in
        NOTES.iter().enumerate()
    {
        let note = ResearchNote {
            id: NoteId(n as i64 + 1),
            fields: NoteFields {
                kind: *kind,
                title: (*title).into(),
                date: chrono::NaiveDate::from_ymd_opt(*y, *m, *d),
                participants: (*participants).into(),
                segment: (*segment).into(),
                text: (*text).into(),
                tags: tags.iter().map(|t| (*t).to_owned()).collect(),
                quotes: quotes.iter().map(|q| q.0.to_owned()).collect(),
            },
        };
        super::research_rows::put_note(conn, note.id, Some(&note))?;
        let customer = participants.split([',', '，']).next().unwrap_or_default();
        for (quote, requirement, importance) in quotes.iter() {
            add(
                conn,
                FeedbackFields {
                    text: (*quote).into(),
                    origin: FeedbackOrigin::Quote { note: note.id },
                    customer: customer.trim().into(),
                    segment: (*segment).into(),
                    links: vec![FeedbackLink {
                        requirement: req(*requirement),
                        importance: *importance,
                    }],
                },
            )?;
        }
    }
    // A few survey comments per request, each from the response that wrote it.
    let comments = data.questions.iter().position(|q| q.key == "Q7");
    let roles = data.questions.iter().position(|q| q.key == "Q4");
    if let (Some(c), Some(roles)) = (comments, roles) {
        for (comment, requirement, importance) in COMMENT_REQUIREMENTS {
            let responses = (0..data.responses)
                .filter(|&r| data.answers[c].text_at(r) == Some(comment))
                .take(PER_COMMENT);
            for r in responses {
                let role = data.answers[roles]
                    .chosen(r)
                    .and_then(|o| o.first().copied())
                    .and_then(|o| data.questions[roles].options.get(o as usize))
                    .cloned()
                    .unwrap_or_default();
                add(
                    conn,
                    FeedbackFields {
                        text: comment.into(),
                        origin: FeedbackOrigin::Response {
                            survey,
                            response: r as u32,
                            question: "Q7".into(),
                        },
                        customer: format!("答卷 {}", r + 1),
                        segment: role,
                        links: vec![FeedbackLink {
                            requirement: req(requirement),
                            importance,
                        }],
                    },
                )?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::model::research::demand;

    #[test]
    fn the_demo_links_interviews_and_survey_comments_to_requirements() {
        let dir = tempfile::tempdir().unwrap();
        let ws = crate::store::Workspace::create_demo(&dir.path().join("d.planwright")).unwrap();
        let notes = ws.notes().unwrap();
        assert_eq!(notes.len(), 8);
        let interviews = notes
            .iter()
            .filter(|n| n.fields.kind == crate::model::research::NoteKind::Interview)
            .count();
        assert_eq!(interviews, 5, "five interviews, besides the other kinds");
        let feedback = ws.feedback().unwrap();
        let from_survey = feedback
            .iter()
            .filter(|f| f.fields.origin.survey().is_some())
            .count();
        assert_eq!(
            from_survey,
            super::COMMENT_REQUIREMENTS.len() * super::PER_COMMENT
        );
        let requirements = ws.requirements().unwrap();
        let d = demand(&feedback);
        // Every requirement the notes and comments name is asked for.
        for (title, ..) in super::REQUIREMENTS {
            let r = requirements
                .iter()
                .find(|r| r.fields.title == title)
                .unwrap();
            assert!(
                r.fields.parent.is_none() || d.contains_key(&r.id),
                "{title} is asked for"
            );
        }
        assert!(d.values().map(|x| x.score).max().unwrap() >= 9);
        // The pool: at least 80 in a hierarchy, scored, in two releases, some planned.
        assert!(requirements.len() >= 80, "{}", requirements.len());
        assert_eq!(ws.releases().unwrap().len(), 2);
        assert!(
            requirements
                .iter()
                .filter(|r| r.fields.parent.is_none())
                .count()
                >= 5
        );
        assert!(
            requirements
                .iter()
                .filter(|r| r.fields.scores.rice().is_some() && r.fields.scores.wsjf().is_some())
                .count()
                >= 70
        );
        let planned = requirements
            .iter()
            .filter(|r| !r.fields.tasks.is_empty())
            .count();
        assert!(planned >= 15, "{planned} linked to tasks");
        for release in ws.releases().unwrap() {
            assert!(
                requirements
                    .iter()
                    .any(|r| r.fields.release == Some(release.id))
            );
        }
    }
}
