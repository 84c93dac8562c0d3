//! Every importer against hostile input, through the command line as a user runs it:
//! our own fixtures of each kind, mutated from a fixed seed (byte flips, truncation,
//! header damage, NUL bytes, invalid UTF-8, huge numbers and dates, a 10 MB cell,
//! repeated chunks), and crafted attacks (deep nesting, entity bombs, external
//! entities, zip bombs, lying spreadsheets, 100,000 columns, 50,000-deep trees, a
//! file that is not there).
//!
//! The rule for each: exit 0, or exit 1 with one line naming the file; never a panic
//! or an abort; done within a time and memory bound; a failed import leaves the
//! workspace byte for byte as it was. What imports is exported again (Gantt SVG, MS
//! Project XML, PRD) under the same rule.

// Test helpers may stop the test on a broken precondition.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use planwright::model::synthetic::Random;

/// Per command: a hang is a failure.
const TIME_LIMIT: Duration = Duration::from_secs(60);
/// Per command, in KiB of address space: an allocation a file asks for beyond this
/// aborts, and an abort is a failure.
const MEMORY_LIMIT_KB: u64 = 4 * 1024 * 1024;

struct Outcome {
    code: Option<i32>,
    stderr: String,
    took: Duration,
}

/// Runs the binary under the memory limit, killing it past the time limit.
fn planwright(args: &[&std::ffi::OsStr]) -> Outcome {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_LIMIT_KB}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_planwright"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = command.spawn().unwrap();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut e, &mut stderr);
            }
            return Outcome {
                code: status.code(),
                stderr,
                took: start.elapsed(),
            };
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Outcome {
                code: None,
                stderr: "killed: past the time limit".into(),
                took: start.elapsed(),
            };
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn os(p: &Path) -> &std::ffi::OsStr {
    p.as_os_str()
}

/// `planwright export WS --as KIND --out TARGET` and any further arguments.
fn export(ws: &Path, kind: &str, target: &Path, more: &[&std::ffi::OsStr]) -> Outcome {
    let mut args = vec![
        os("export".as_ref()),
        os(ws),
        os("--as".as_ref()),
        os(kind.as_ref()),
        os("--out".as_ref()),
        os(target),
    ];
    args.extend_from_slice(more);
    planwright(&args)
}

/// Draws from the plan generator's seeded source, so a failing case can be replayed.
fn below(rng: &mut Random, n: usize) -> usize {
    rng.below(n.max(1) as u64) as usize
}

const MSPDI: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <Title>客服 2.0 发布计划</Title>
  <StartDate>2026-12-01T08:00:00</StartDate>
  <MinutesPerDay>480</MinutesPerDay>
  <CalendarUID>1</CalendarUID>
  <Calendars><Calendar><UID>1</UID><Name>标准</Name><IsBaseCalendar>1</IsBaseCalendar>
    <WeekDays><WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
    <WeekDay><DayType>2</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay></WeekDays></Calendar></Calendars>
  <Tasks>
    <Task><UID>1</UID><ID>1</ID><Name>需求 &amp; 设计</Name><OutlineLevel>1</OutlineLevel><Duration>PT16H0M0S</Duration><PercentComplete>50</PercentComplete><ActualStart>2026-12-01T08:00:00</ActualStart></Task>
    <Task><UID>2</UID><ID>2</ID><Name>开发</Name><OutlineLevel>1</OutlineLevel><Duration>PT24H0M0S</Duration>
      <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type><LinkLag>4800</LinkLag><LagFormat>7</LagFormat></PredecessorLink></Task>
    <Task><UID>3</UID><ID>3</ID><Name>发布</Name><OutlineLevel>1</OutlineLevel><Duration>PT0H0M0S</Duration><Milestone>1</Milestone>
      <PredecessorLink><PredecessorUID>2</PredecessorUID><Type>1</Type></PredecessorLink></Task>
  </Tasks>
  <Resources><Resource><UID>1</UID><Name>王芳</Name><Type>1</Type></Resource></Resources>
  <Assignments><Assignment><TaskUID>2</TaskUID><ResourceUID>1</ResourceUID><Units>1</Units><Work>PT24H0M0S</Work></Assignment></Assignments>
</Project>"#;

const GAN: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<project name="家装" version="3.0">
<calendars><day-types><day-type id="0"/><day-type id="1"/><default-week sun="1" mon="0" tue="0" wed="0" thu="0" fri="0" sat="1"/></day-types><date year="" month="1" date="1" type="HOLIDAY"/></calendars>
<tasks>
<task id="5" name="需求 &amp; 设计" meeting="false" start="2026-12-01" duration="3" complete="50" expand="true">
  <task id="6" name="原型" meeting="false" start="2026-12-01" duration="2" complete="100"><depend id="7" type="2" difference="1" hardness="Strong"/></task>
</task>
<task id="7" name="评审" meeting="true" start="2026-12-07" duration="0" complete="0"/>
</tasks>
<resources><resource id="0" name="王芳" function="Default:0"/></resources>
<allocations><allocation task-id="6" resource-id="0" load="100.0"/></allocations>
</project>"#;

const TASKS_CSV: &str = "任务名称,工期,开始时间,前置任务,资源名称,完成百分比\n\
    需求分析,3d,2026-12-01,,王芳,100\n\
    开发,5d,2026-12-04,1,\"李强,张敏[50%]\",20\n\
    上线,0d,2026-12-11,2FS+1d,,0\n";

const SURVEY_CSV: &str = "序号,提交答卷时间,所用时间,1、您向朋友推荐智能客服的可能性有多大？,2、您对回复速度满意吗,3、您用过哪些功能,4、还有什么建议\n\
    1,2026/11/1 10:00:00,60秒,10,非常满意,智能回复┋工单,界面好看\n\
    2,2026/11/1 11:00:00,75秒,9,满意,工单,(跳过)\n\
    3,2026/11/2 09:30:00,40秒,6,一般,智能回复┋知识库┋工单,希望更快\n";

const JIRA_CSV: &str = "\u{feff}Summary,Issue key,Issue id,Parent id,Issue Type,Status,Priority,Created,Custom field (Story Points)\n\
    移动端工作台,APP-1,10001,,Epic,In Progress,High,12/Jan/26 3:04 PM,\n\
    手机处理工单,APP-2,10002,10001,Story,To Do,Highest,13/Jan/26 9:00 AM,5\n";

fn tasks_xlsx() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, line) in TASKS_CSV.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            ws.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

/// (file name, bytes): one valid file of each kind.
fn fixtures() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("plan.xml", MSPDI.as_bytes().to_vec()),
        ("plan.gan", GAN.as_bytes().to_vec()),
        ("tasks.csv", TASKS_CSV.as_bytes().to_vec()),
        ("tasks.xlsx", tasks_xlsx()),
        ("问卷.csv", SURVEY_CSV.as_bytes().to_vec()),
        ("jira.csv", JIRA_CSV.as_bytes().to_vec()),
        ("testrail.csv", TESTRAIL_CSV.as_bytes().to_vec()),
        ("zentao-bugs.csv", ZENTAO_BUGS_CSV.as_bytes().to_vec()),
        ("jira-bugs.csv", JIRA_BUGS_CSV.as_bytes().to_vec()),
    ]
}

/// TestRail's case export: a section hierarchy, numbered steps, a step on its own row.
const TESTRAIL_CSV: &str = "ID,Title,Section,Section Hierarchy,Priority,Type,Preconditions,Steps (Step),Steps (Expected Result),References,Automation Type\n\
C1,Login works,Login,Account > Login,High,Functional,User exists,\"1. Open the app\n2. Sign in\",\"1. Form shows\n2. Home page shows\",REQ-2,None\n\
C2,Lockout,Login,Account > Login,Critical,Security,,Enter a wrong password 5 times,Account locks,REQ-2,Automated\n\
,,,,,,,Wait 15 minutes,Account unlocks,,\n";

/// ZenTao's Bug export: 严重程度 1–4, 重现步骤 with its parts, 激活次数.
const ZENTAO_BUGS_CSV: &str = "Bug编号,所属产品,Bug标题,严重程度,优先级,重现步骤,Bug状态,解决方案,激活次数,创建日期,解决日期,指派给\n\
7,客服,派单超时,2,1,\"[步骤]1. 创建工单[结果]5 分钟未派单[期望]1 分钟内派单\",激活,,1,2026-11-20 10:00:00,0000-00-00,王芳\n\
8,客服,按钮错位,4,3,,已解决,设计如此,0,2026-11-21,2026-11-22,王芳\n";

/// Jira's bugs.
const JIRA_BUGS_CSV: &str = "Summary,Issue key,Issue Type,Status,Priority,Assignee,Created,Resolved,Description\n\
Crash on login,APP-1,Bug,Done,Highest,Li,12/Jan/26 3:04 PM,14/Jan/26 9:00 AM,Steps\n\
Slow list,APP-2,Bug,In Progress,Medium,Wang,13/Jan/26 3:04 PM,,\n";

/// One seeded mutation of `bytes`.
fn mutate(rng: &mut Random, bytes: &[u8]) -> (String, Vec<u8>) {
    let mut b = bytes.to_vec();
    let len = b.len().max(1);
    match below(rng, 10) {
        0 => {
            let n = 1 + below(rng, 20);
            for _ in 0..n {
                let at = below(rng, len);
                if let Some(x) = b.get_mut(at) {
                    *x ^= 1 << below(rng, 8);
                }
            }
            (format!("{n} byte flips"), b)
        }
        1 => {
            let at = below(rng, len);
            b.truncate(at);
            (format!("cut at byte {at}"), b)
        }
        2 => {
            let n = below(rng, 64.min(len));
            for x in b.iter_mut().take(n) {
                *x = b'#';
            }
            (format!("first {n} bytes damaged"), b)
        }
        3 => {
            let at = below(rng, len);
            b.splice(at..at, [0u8, 0, 0, 0]);
            (format!("NUL bytes at {at}"), b)
        }
        4 => {
            let at = below(rng, len);
            b.splice(at..at, [0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x28]);
            (format!("invalid UTF-8 at {at}"), b)
        }
        5 => {
            // Every number grows past what any field can hold.
            let text = String::from_utf8_lossy(&b).into_owned();
            let out: String = text
                .chars()
                .flat_map(|c| {
                    if c.is_ascii_digit() {
                        vec![
                            c, '9', '9', '9', '9', '9', '9', '9', '9', '9', '9', '9', '9',
                        ]
                    } else {
                        vec![c]
                    }
                })
                .collect();
            ("every number huge".into(), out.into_bytes())
        }
        6 => {
            let text = String::from_utf8_lossy(&b)
                .replace("2026", "99999")
                .replace("12-01", "13-45");
            ("dates out of range".into(), text.into_bytes())
        }
        7 => {
            // A 10 MB cell or name where a comma or a tag ends.
            let at = b
                .iter()
                .position(|&c| c == b',' || c == b'<')
                .unwrap_or(0)
                .min(b.len());
            let big = "长".repeat(3_500_000);
            b.splice(at..at, big.into_bytes());
            ("a 10 MB cell".into(), b)
        }
        8 => {
            let from = below(rng, len);
            let to = (from + 1 + below(rng, 200)).min(b.len());
            let chunk = b[from.min(to)..to].to_vec();
            for _ in 0..2000 {
                b.splice(to..to, chunk.iter().copied());
            }
            (format!("bytes {from}..{to} repeated 2000 times"), b)
        }
        _ => {
            let ctrl = "\u{b}\u{1b}[31m\u{fffe}\u{202e}";
            let at = b.iter().position(|&c| c == b'\n').unwrap_or(0) + 1;
            let at = at.min(b.len());
            b.splice(at..at, ctrl.bytes());
            ("control characters".into(), b)
        }
    }
}

fn zip(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        for (name, bytes) in parts {
            z.start_file(*name, opts).unwrap();
            for chunk in bytes.chunks(1 << 20) {
                z.write_all(chunk).unwrap();
            }
        }
        z.finish().unwrap();
    }
    out.into_inner()
}

/// Attacks written by hand: (file name, bytes).
fn crafted() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    let project = |tasks: &str| {
        format!(
            "<?xml version=\"1.0\"?><Project xmlns=\"http://schemas.microsoft.com/project\"><StartDate>2026-12-01T08:00:00</StartDate><Tasks>{tasks}</Tasks></Project>"
        )
    };
    let task = |uid: usize, level: usize, extra: &str| {
        format!(
            "<Task><UID>{uid}</UID><Name>t{uid}</Name><OutlineLevel>{level}</OutlineLevel><Duration>PT8H0M0S</Duration>{extra}</Task>"
        )
    };
    out.push((
        "deep-nesting.xml".into(),
        project(&format!(
            "{}{}",
            "<a>".repeat(200_000),
            "</a>".repeat(200_000)
        ))
        .into_bytes(),
    ));
    out.push((
        "entity-bomb.xml".into(),
        "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><Project xmlns=\"http://schemas.microsoft.com/project\"><Title>&c;</Title></Project>".as_bytes().to_vec(),
    ));
    out.push((
        "external-entity.xml".into(),
        "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Project xmlns=\"http://schemas.microsoft.com/project\"><Title>&x;</Title></Project>".as_bytes().to_vec(),
    ));
    out.push((
        "deep-outline.xml".into(),
        project(&(1..=50_000).map(|i| task(i, i, "")).collect::<String>()).into_bytes(),
    ));
    out.push((
        "huge-duration.xml".into(),
        project(&task(1, 1, "").replace("PT8H0M0S", "PT100000000000000H0M0S")).into_bytes(),
    ));
    out.push((
        "forbidden-chars.xml".into(),
        project(&task(1, 1, "<Notes>a\u{fffe}b&#11;c</Notes>")).into_bytes(),
    ));
    out.push((
        "huge-outline.gan".into(),
        format!(
            "<project><tasks>{}{}</tasks></project>",
            (0..50_000)
                .map(|i| format!(
                    "<task id=\"{i}\" name=\"t\" start=\"2026-12-01\" duration=\"1\">"
                ))
                .collect::<String>(),
            "</task>".repeat(50_000)
        )
        .into_bytes(),
    ));
    out.push((
        "huge-duration.gan".into(),
        b"<project><tasks><task id=\"1\" name=\"t\" start=\"2026-12-01\" duration=\"99999999999999999\"/></tasks></project>".to_vec(),
    ));
    // Spreadsheets that lie about their size or inflate without end.
    out.push((
        "zip-bomb.xlsx".into(),
        zip(&[("xl/worksheets/sheet1.xml", vec![b'0'; 600 << 20])]),
    ));
    out.push((
        "lying-strings.xlsx".into(),
        zip(&[
            ("[Content_Types].xml", b"<Types/>".to_vec()),
            (
                "xl/sharedStrings.xml",
                b"<sst count=\"4000000000\" uniqueCount=\"4000000000\"><si><t>x</t></si></sst>"
                    .to_vec(),
            ),
        ]),
    ));
    out.push(("extreme-dates.xlsx".into(), {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        ws.write_string(0, 0, "任务名称").unwrap();
        ws.write_string(0, 1, "开始时间").unwrap();
        ws.write_string(1, 0, "甲").unwrap();
        ws.write_number_with_format(1, 1, 1e300, &date).unwrap();
        ws.write_string(2, 0, "乙").unwrap();
        ws.write_number_with_format(2, 1, -1e18, &date).unwrap();
        wb.save_to_buffer().unwrap()
    }));
    out.push(("far-cell.xlsx".into(), {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "任务名称").unwrap();
        ws.write_string(1, 0, "甲").unwrap();
        ws.write_string(1_048_575, 16_383, "far").unwrap();
        wb.save_to_buffer().unwrap()
    }));
    let columns = 100_000;
    out.push((
        "100k-columns.csv".into(),
        format!(
            "{}\n{}\n",
            (0..columns)
                .map(|i| format!("第{i}题(选项)"))
                .collect::<Vec<_>>()
                .join(","),
            vec!["1"; columns].join(",")
        )
        .into_bytes(),
    ));
    let mut chain = String::from("Issue key,Summary,Issue Type,Parent id,Issue id\n");
    for i in 1..=50_000 {
        let parent = if i > 1 {
            (i - 1).to_string()
        } else {
            String::new()
        };
        chain.push_str(&format!("P-{i},需求 {i},Story,{parent},{i}\n"));
    }
    out.push(("50k-deep-chain.csv".into(), chain.into_bytes()));
    out.push(("empty.csv".into(), Vec::new()));
    out.push(("random.xml".into(), {
        let mut rng = Random(7);
        (0..100_000).map(|_| rng.next_u64() as u8).collect()
    }));
    out
}

/// What a case broke, if anything.
fn check_import(dir: &Path, base: &Path, name: &str, bytes: &[u8], seen: &mut Vec<String>) {
    check_import_as(dir, base, name, bytes, None, seen);
}

fn check_import_as(
    dir: &Path,
    base: &Path,
    name: &str,
    bytes: &[u8],
    kind: Option<&str>,
    seen: &mut Vec<String>,
) {
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    let ws = dir.join(format!("ws-{}.planwright", seen.len()));
    std::fs::copy(base, &ws).unwrap();
    let before = std::fs::read(&ws).unwrap();
    let mut args = vec![
        os("import".as_ref()),
        os(&file),
        os("--into".as_ref()),
        os(&ws),
    ];
    if let Some(k) = kind {
        args.extend([os("--as".as_ref()), os(k.as_ref())]);
    }
    let out = planwright(&args);
    let what = format!("{name} ({} bytes)", bytes.len());
    match out.code {
        Some(0) => {
            // What imports exports again, under the same rule.
            for kind in ["gantt-svg", "mspdi", "prd-md"] {
                let target = dir.join(format!("out-{}.{kind}", seen.len()));
                let e = export(&ws, kind, &target, &[]);
                assert!(
                    matches!(e.code, Some(0..=2)),
                    "{what}: export {kind} ended with {:?} after {:?}: {}",
                    e.code,
                    e.took,
                    e.stderr
                );
            }
        }
        Some(1) => {
            let message = out.stderr.trim_end();
            assert!(
                !message.contains('\n') && message.starts_with("planwright: "),
                "{what}: not one line: {message}"
            );
            assert!(
                message.contains(name),
                "{what}: the message does not name the file: {message}"
            );
            assert!(
                !message.chars().any(|c| c.is_control()),
                "{what}: the message carries control characters: {message:?}"
            );
            assert_eq!(
                std::fs::read(&ws).unwrap(),
                before,
                "{what}: a failed import changed the workspace"
            );
        }
        code => panic!(
            "{what}: import ended with {code:?} after {:?}: {}",
            out.took, out.stderr
        ),
    }
    let _ = std::fs::remove_file(&file);
    let _ = std::fs::remove_file(&ws);
    seen.push(format!("{what}: {:?} in {:?}", out.code, out.took));
}

/// An empty workspace: what an import adds is then the only project to export.
fn empty_workspace(dir: &Path) -> PathBuf {
    let base = dir.join("base.planwright");
    let out = planwright(&[os("new".as_ref()), os(&base)]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    base
}

#[test]
fn mutated_files_of_every_kind_are_refused_or_imported_never_crash() {
    let dir = tempfile::tempdir().unwrap();
    let base = empty_workspace(dir.path());
    let mut seen = Vec::new();
    let mut rng = Random(20_261_206);
    for (name, bytes) in fixtures() {
        // The file as it is imports.
        check_import(dir.path(), &base, name, &bytes, &mut seen);
        for k in 0..24 {
            let (how, mutant) = mutate(&mut rng, &bytes);
            let mutant_name = format!("m{k}-{name}");
            let before = seen.len();
            check_import(dir.path(), &base, &mutant_name, &mutant, &mut seen);
            if let Some(last) = seen.get_mut(before) {
                last.push_str(&format!(" [{how}]"));
            }
        }
    }
    println!("{} hostile imports:", seen.len());
    for s in seen.iter().filter(|s| s.contains("Some(1)")).take(10) {
        println!("  refused: {s}");
    }
}

#[test]
fn crafted_attacks_are_refused_or_imported_within_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let base = empty_workspace(dir.path());
    let mut seen = Vec::new();
    for (name, bytes) in crafted() {
        check_import(dir.path(), &base, &name, &bytes, &mut seen);
        // Tables are tried as surveys too, the way the import wizard reads them.
        if name.ends_with(".csv") || name.ends_with(".xlsx") {
            check_import_as(
                dir.path(),
                &base,
                &format!("survey-{name}"),
                &bytes,
                Some("survey"),
                &mut seen,
            );
        }
    }
    // A file that is not there.
    let missing = dir.path().join("gone.xml");
    let out = planwright(&[
        os("import".as_ref()),
        os(&missing),
        os("--into".as_ref()),
        os(&base),
    ]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stderr.contains("gone.xml"), "{}", out.stderr);
    for s in &seen {
        println!("{s}");
    }
}

/// Characters XML forbids in a survey answer (U+000B, U+FFFE) used to make the chart
/// PNG fail; the dashboard and every chart now drop them.
#[test]
fn survey_answers_with_control_characters_still_chart() {
    let dir = tempfile::tempdir().unwrap();
    let ws = empty_workspace(dir.path());
    let file = dir.path().join("问卷.csv");
    std::fs::write(
        &file,
        "序号,提交答卷时间,1、您最常用的渠道\n1,2026/11/1 10:00:00,微信\u{b}\n2,2026/11/1 11:00:00,电话\u{fffe}\n3,2026/11/2 09:00:00,微信\u{b}\n4,2026/11/2 10:00:00,电话\u{fffe}\n",
    )
    .unwrap();
    let out = planwright(&[
        os("import".as_ref()),
        os(&file),
        os("--into".as_ref()),
        os(&ws),
        os("--as".as_ref()),
        os("survey".as_ref()),
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    for (kind, extra) in [("survey-png", Some("Q1")), ("survey-html", None)] {
        let target = dir.path().join(format!("out.{kind}"));
        let question: Vec<&std::ffi::OsStr> = match extra {
            Some(q) => vec!["--question".as_ref(), q.as_ref()],
            None => Vec::new(),
        };
        let e = export(&ws, kind, &target, &question);
        assert_eq!(e.code, Some(0), "{kind}: {}", e.stderr);
    }
}

/// A damaged workspace: opened by `info` or refused with one line naming it, never
/// changed, never a crash.
#[test]
fn damaged_workspaces_are_refused_or_read_never_changed() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.planwright");
    let out = planwright(&[os("new".as_ref()), os(&demo), os("--demo".as_ref())]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let bytes = std::fs::read(&demo).unwrap();
    let mut rng = Random(11);
    for k in 0..40 {
        let mut b = bytes.clone();
        match k % 4 {
            0 => {
                for _ in 0..(1 + below(&mut rng, 50)) {
                    let at = below(&mut rng, b.len());
                    b[at] ^= 1 << below(&mut rng, 8);
                }
            }
            1 => b.truncate(below(&mut rng, b.len())),
            2 => {
                // Damage past the header, where SQLite itself must notice.
                let at = 100 + below(&mut rng, b.len() - 100);
                let end = (at + 4096).min(b.len());
                for x in &mut b[at..end] {
                    *x = rng.next_u64() as u8;
                }
            }
            _ => {
                let at = below(&mut rng, 100);
                b[at] = b[at].wrapping_add(1);
            }
        }
        let ws = dir.path().join(format!("damaged-{k}.planwright"));
        std::fs::write(&ws, &b).unwrap();
        let out = planwright(&[os("info".as_ref()), os(&ws), os("--json".as_ref())]);
        assert!(
            matches!(out.code, Some(0 | 1)),
            "damaged-{k}: info ended with {:?}: {}",
            out.code,
            out.stderr
        );
        if out.code == Some(1) {
            assert!(
                out.stderr.contains(&format!("damaged-{k}")),
                "{}",
                out.stderr
            );
        }
        assert_eq!(
            std::fs::read(&ws).unwrap(),
            b,
            "damaged-{k}: info changed the file"
        );
    }
}
