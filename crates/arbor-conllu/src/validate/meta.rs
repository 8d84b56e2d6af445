//! Level-2 rules on the comment lines: one unique `# sent_id`, a well-formed unique
//! `# parallel_id`, at most one `# newdoc`/`# newpar`, and one `# text` that the FORMs spell out
//! with the spaces that `SpaceAfter=No` leaves out.

use std::sync::LazyLock;

use regex::Regex;

use super::problem::{Problem, State};
use super::rows::{regex, Kind, Row};
use crate::sentence::Sentence;

static SENT_ID: LazyLock<Regex> = LazyLock::new(|| regex(r"^#\s*sent_id\s*=\s*(\S+)$"));
static PARALLEL_ID: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^#\s*parallel_id\s*=\s*(([a-z]+)/([-0-9a-z]+)(?:/(alt[1-9][0-9]*|part[1-9][0-9]*|alt[1-9][0-9]*part[1-9][0-9]*))?)$",
    )
});
static ALT_PART: LazyLock<Regex> = LazyLock::new(|| regex(r"^(?:alt([0-9]+))?(?:part([0-9]+))?$"));
static NEWDOC: LazyLock<Regex> = LazyLock::new(|| regex(r"^#\s*newdoc(?:\s+\S+)?$"));
static NEWPAR: LazyLock<Regex> = LazyLock::new(|| regex(r"^#\s*newpar(?:\s+\S+)?$"));
static TEXT: LazyLock<Regex> = LazyLock::new(|| regex(r"^#\s*text\s*=\s*(.*)$"));

/// The comment lines as written, with their `#`.
pub(crate) fn comment_lines(s: &Sentence) -> Vec<String> {
    s.comments.iter().map(|c| format!("#{}", c.0)).collect()
}

/// `# sent_id = ID`: present once, unique in the run, no `/` (one allowed for `--lang ud`).
pub(crate) fn sent_id(comments: &[String], line: usize, lang: &str, state: &mut State, out: &mut Vec<Problem>) {
    let mut err = |rule, message: String| out.push(Problem::new(line, rule, message));
    let mut ids = Vec::new();
    for c in comments {
        match SENT_ID.captures(c).and_then(|m| m.get(1)) {
            Some(id) => ids.push(id.as_str().to_string()),
            None if c.starts_with("# sent_id") || c.starts_with("#sent_id") => {
                err("invalid-sent-id", format!("'{c}' should read '# sent_id = ID' with an ID without spaces"))
            }
            None => {}
        }
    }
    match ids.as_slice() {
        [] => err("missing-sent-id", "no '# sent_id = ...' comment".into()),
        [id] => {
            if state.sent_ids.contains(id) {
                err("non-unique-sent-id", format!("sent_id '{id}' was used before"));
            }
            let slashes = id.matches('/').count();
            if slashes > 1 || (slashes == 1 && lang != "ud") {
                err("slash-in-sent-id", format!("sent_id '{id}': '/' is reserved for parallel treebanks"));
            }
            state.sent_ids.insert(id.clone());
        }
        _ => err("multiple-sent-id", format!("{} '# sent_id' comments", ids.len())),
    }
}

/// `# parallel_id = corpus/sentence[/altN][partN]`: optional, unique, alt and part counted from 1.
pub(crate) fn parallel_id(comments: &[String], line: usize, state: &mut State, out: &mut Vec<Problem>) {
    let mut err = |rule, message: String| out.push(Problem::new(line, rule, message));
    let mut found = Vec::new();
    for c in comments {
        match PARALLEL_ID.captures(c) {
            Some(m) => found.push(m),
            None if c.starts_with("# parallel_id") || c.starts_with("#parallel_id") => err(
                "invalid-parallel-id",
                format!("'{c}' should read '# parallel_id = corpus/sentence' with an optional '/altN', '/partN' or '/altNpartN'"),
            ),
            None => {}
        }
    }
    let m = match found.as_slice() {
        [] => return,
        [m] => m,
        _ => return err("multiple-parallel-id", format!("{} '# parallel_id' comments", found.len())),
    };
    let text = |i| m.get(i).map_or("", |g: regex::Match<'_>| g.as_str());
    let pid = text(1).to_string();
    if state.parallel_ids.contains(&pid) {
        err("non-unique-parallel-id", format!("parallel_id '{pid}' was used before"));
    } else {
        let sid = format!("{}/{}", text(2), text(3));
        let caps = ALT_PART.captures(text(4));
        let number = |i| caps.as_ref().and_then(|c| c.get(i)).and_then(|g| g.as_str().parse::<u64>().ok());
        for (rule, name, value, last) in [
            ("parallel-id-alt", "alt", number(1), &mut state.parallel_alt),
            ("parallel-id-part", "part", number(2), &mut state.parallel_part),
        ] {
            match last.get(&sid) {
                Some(prev) if prev.is_some() != value.is_some() => {
                    err(rule, format!("some sentences '{sid}' have the '{name}' suffix and others not"))
                }
                Some(&Some(prev)) if value != Some(prev + 1) => err(
                    rule,
                    format!("the {name} suffix of '{sid}' should be {} but it is {}", prev + 1, value.unwrap_or(0)),
                ),
                None if value.is_some_and(|v| v != 1) => {
                    err(rule, format!("the first {name} suffix of '{sid}' should be 1, not {}", value.unwrap_or(0)))
                }
                _ => {}
            }
            last.insert(sid.clone(), value);
        }
    }
    state.parallel_ids.insert(pid);
}

/// `# newdoc`/`# newpar` at most once and never after `SpaceAfter=No`; one `# text`, not empty,
/// not ending in whitespace, spelled out by the token FORMs and `SpaceAfter=No`.
pub(crate) fn text(comments: &[String], rows: &[Row<'_>], line: usize, state: &mut State, out: &mut Vec<Problem>) {
    let count = |re: &Regex| comments.iter().filter(|c| re.is_match(c)).count();
    let (newdocs, newpars) = (count(&NEWDOC), count(&NEWPAR));
    let texts: Vec<String> =
        comments.iter().filter_map(|c| TEXT.captures(c)?.get(1).map(|m| m.as_str().to_string())).collect();
    let mut err = |line, rule, message: String| out.push(Problem::new(line, rule, message));
    if newdocs > 1 {
        err(line, "multiple-newdoc", format!("{newdocs} '# newdoc' comments"));
    }
    if newpars > 1 {
        err(line, "multiple-newpar", format!("{newpars} '# newpar' comments"));
    }
    if (newdocs > 0 || newpars > 0) && state.space_after_no {
        err(line, "spaceafter-newdocpar", "a document or paragraph starts after a token with SpaceAfter=No".into());
    }
    let mut text: &str = match texts.as_slice() {
        [] => return err(line, "missing-text", "no '# text = ...' comment".into()),
        [t] => t,
        _ => return err(line, "multiple-text", format!("{} '# text' comments", texts.len())),
    };
    if text.is_empty() {
        err(line, "empty-text", "'# text' is empty".into());
    } else if text.ends_with(char::is_whitespace) {
        err(line, "text-trailing-whitespace", "'# text' ends with whitespace".into());
    }
    let mut in_token = 0; // the last word of the multiword token being read, 0 outside one
    let mut mismatch = false;
    for row in rows {
        if row.misc.contains("NoSpaceAfter=Yes") {
            err(row.line, "nospaceafter-yes", "write 'SpaceAfter=No' instead of 'NoSpaceAfter=Yes'".into());
        }
        if row.misc.split('|').any(|a| a.starts_with("SpaceAfter=") && a != "SpaceAfter=No") {
            err(
                row.line,
                "spaceafter-value",
                "SpaceAfter has no value but 'No' (SpacesAfter keeps other spaces)".into(),
            );
        }
        let no_space = row.misc.contains("SpaceAfter=No");
        match row.kind {
            Kind::Empty => {
                if no_space {
                    err(row.line, "spaceafter-empty-node", "an empty node has no SpaceAfter=No".into());
                }
                continue;
            }
            Kind::Range(_, last) => in_token = in_token.max(last),
            Kind::Word if row.id.parse::<usize>().is_ok_and(|id| id <= in_token) => {
                if no_space {
                    err(
                        row.line,
                        "spaceafter-mwt-node",
                        "SpaceAfter=No goes on the multiword token, not its words".into(),
                    );
                }
                continue;
            }
            Kind::Word => {}
        }
        let Some(rest) = text.strip_prefix(row.form) else {
            if !mismatch {
                let shown: String = text.chars().take(row.form.chars().count() + 20).collect();
                err(row.line, "text-form-mismatch", format!("FORM '{}' but the text goes on '{shown}...'", row.form));
                mismatch = true;
            }
            continue;
        };
        text = rest;
        state.space_after_no = row.misc.split('|').any(|a| a == "SpaceAfter=No");
        if !state.space_after_no {
            if text.starts_with(|c: char| !c.is_whitespace()) {
                let m = format!("node {} needs SpaceAfter=No: the text goes on '{}'", row.id, shorten(text));
                err(row.line, "missing-spaceafter", m);
            }
            text = text.trim_start();
        }
    }
    if !text.is_empty() {
        err(line, "text-extra-chars", format!("the text ends with '{text}', which no FORM accounts for"));
    }
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(25).collect();
    if out.len() < s.len() {
        out.push_str("...");
    }
    out
}
