//! Text from files made safe for where it goes: a terminal (no control characters
//! that could move the cursor or change colours) and XML (only the characters XML 1.0
//! allows, so SVG, HTML, DOCX and MS Project XML stay well-formed).

/// `text` with every control character (C0 with line breaks, DEL, C1) and the bidi
/// overrides written as `\u{…}`, for one-line messages a terminal prints.
pub fn safe_text(text: &str) -> String {
    if !text.chars().any(needs_escape) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Whether XML 1.0 allows `c` in a document: tab, line feed, carriage return, and
/// U+0020–U+D7FF, U+E000–U+FFFD, U+10000 and above (so not U+FFFE, U+FFFF or other
/// controls).
pub fn xml_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
        || ('\u{20}'..='\u{d7ff}').contains(&c)
        || ('\u{e000}'..='\u{fffd}').contains(&c)
        || c >= '\u{10000}'
}

/// `text` without the characters XML 1.0 does not allow (they have no meaning in a
/// name or a note; a file that held them was damaged or crafted).
pub fn xml_chars(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(xml_allowed) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().filter(|&c| xml_allowed(c)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminals_see_no_escape_sequences() {
        assert_eq!(safe_text("任务\u{1b}[31m红"), "任务\\u{1b}[31m红");
        assert_eq!(safe_text("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(safe_text("一行\n二行"), "一行\\u{a}二行");
    }

    #[test]
    fn xml_keeps_only_what_it_allows() {
        assert_eq!(xml_chars("a\u{b}b\u{fffe}c\u{0}"), "abc");
        assert_eq!(xml_chars("需求\t😀"), "需求\t😀");
    }
}
