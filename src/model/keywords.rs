//! Ranked keywords of free-text answers: each answer cut into words (jieba for Chinese,
//! spaces for other languages), stop words and punctuation left out, and each word
//! counted once per answer that uses it. The words come with the answers behind them.

use std::collections::HashMap;
use std::sync::OnceLock;

use jieba_rs::Jieba;

/// Words that say nothing about a topic.
const STOP_WORDS: &[&str] = &[
    "的", "了", "是", "在", "我", "我们", "你", "你们", "他", "她", "它", "和", "与", "也", "就",
    "都", "很", "太", "还", "又", "再", "更", "最", "有", "没有", "没", "不", "会", "能", "可以",
    "希望", "一些", "一个", "这个", "那个", "这", "那", "吗", "呢", "吧", "啊", "哦", "嗯", "对",
    "把", "被", "让", "给", "到", "从", "后", "前", "时", "时候", "经常", "偶尔", "比较", "非常",
    "特别", "觉得", "感觉", "就是", "还是", "但是", "因为", "所以", "如果", "而且", "或者", "以及",
    "等", "等等", "才", "能够", "需要", "上", "下", "中", "里", "多", "少", "好", "点", "一下",
    "不够", "不到", "不再", "早点", "总是", "有时", "些", "the", "a", "an", "and", "or", "of",
    "to", "in", "is", "it", "for", "on", "with", "that", "this", "be", "are", "was", "i", "we",
    "you", "my", "our", "not", "but", "so", "very", "too", "de", "la", "el", "que", "en", "y",
    "los", "las", "un", "una", "es", "por", "para", "con",
];

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// A word worth counting: not a stop word, not punctuation or a number, and (for
/// Chinese) more than one character.
fn meaningful(word: &str) -> bool {
    let chars = word.chars().count();
    let cjk = word.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let letters = word.chars().any(char::is_alphabetic);
    letters && !STOP_WORDS.contains(&word) && if cjk { chars >= 2 } else { chars >= 3 }
}

/// The words of one answer, each once, lower-cased.
pub fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for token in jieba().cut(text, true) {
        let w = token.word.trim().to_lowercase();
        if meaningful(&w) && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// A keyword: how many answers use it, and which (indexes into the texts given).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keyword {
    pub word: String,
    pub answers: usize,
    pub examples: Vec<usize>,
}

/// The `top` keywords of `texts` (each text with how many responses gave it), most
/// used first; ties by first appearance. Up to `examples` answers are kept per word.
pub fn keywords(texts: &[(&str, usize)], top: usize, examples: usize) -> Vec<Keyword> {
    let mut found: HashMap<String, usize> = HashMap::new();
    let mut list: Vec<Keyword> = Vec::new();
    for (i, (text, weight)) in texts.iter().enumerate() {
        for w in words(text) {
            let k = *found.entry(w.clone()).or_insert_with(|| {
                list.push(Keyword {
                    word: w,
                    answers: 0,
                    examples: Vec::new(),
                });
                list.len() - 1
            });
            list[k].answers += weight;
            if list[k].examples.len() < examples {
                list[k].examples.push(i);
            }
        }
    }
    list.sort_by_key(|k| std::cmp::Reverse(k.answers));
    list.truncate(top);
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_answers_are_cut_into_ranked_words_with_their_answers() {
        let texts = [
            ("高峰期回复速度太慢，希望优化", 3),
            ("回复速度很快，界面清爽", 1),
            ("希望手机上也能处理工单", 2),
            ("工单流转清楚", 1),
        ];
        let k = keywords(&texts, 10, 2);
        let words: Vec<&str> = k.iter().map(|k| k.word.as_str()).collect();
        assert!(words.contains(&"回复"), "{words:?}");
        assert!(words.contains(&"工单"), "{words:?}");
        assert!(
            !words.contains(&"希望") && !words.contains(&"很"),
            "stop words stay out"
        );
        let reply = k
            .iter()
            .find(|k| k.word == "回复")
            .unwrap_or_else(|| panic!("回复"));
        assert_eq!(reply.answers, 4, "weighted by how many gave each answer");
        assert_eq!(reply.examples, vec![0, 1]);
        assert_eq!(k[0].word, "回复", "most used first");
        assert!(super::words("Slow replies during peak hours").contains(&"replies".to_owned()));
    }
}
