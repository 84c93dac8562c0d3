//! Which rows the pool's table shows and what a click on one selects, apart from
//! drawing (so they are tested without a window): the tree with collapsed branches
//! hidden, rows grouped under headings, Ctrl- and Shift-click selection.

use std::collections::BTreeSet;

use crate::model::requirement::RequirementId;
use crate::report::insights::InsightsView;

/// A table row that is a group's heading, not a requirement.
pub const HEADING: usize = usize::MAX;

/// Whether the requirement at `i` (tree order) has children: the next one is deeper.
pub fn has_children(insights: &InsightsView, i: usize) -> bool {
    insights
        .requirements
        .get(i + 1)
        .zip(insights.requirements.get(i))
        .is_some_and(|(next, this)| next.depth > this.depth)
}

/// `ordered` (indices in tree order) without what lies under a collapsed requirement.
pub fn without_collapsed(
    insights: &InsightsView,
    mut ordered: Vec<usize>,
    collapsed: &BTreeSet<RequirementId>,
) -> Vec<usize> {
    if collapsed.is_empty() {
        return ordered;
    }
    let mut hidden_below: Option<usize> = None;
    ordered.retain(|&i| {
        let r = &insights.requirements[i];
        if hidden_below.is_some_and(|d| r.depth > d) {
            return false;
        }
        hidden_below = collapsed.contains(&r.requirement.id).then_some(r.depth);
        true
    });
    ordered
}

/// The table's rows: requirement indices, with [`HEADING`] rows where a group starts,
/// and beside each row its heading (label and size) when it is one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableRows {
    pub rows: Vec<usize>,
    pub headings: Vec<Option<(String, usize)>>,
}

impl TableRows {
    /// The rows as they come, no groups.
    pub fn flat(rows: Vec<usize>) -> TableRows {
        TableRows {
            headings: vec![None; rows.len()],
            rows,
        }
    }

    /// The rows grouped by `key`, groups in the order their first member comes, the
    /// order kept inside each.
    pub fn grouped(ordered: Vec<usize>, key: impl Fn(usize) -> String) -> TableRows {
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        for i in ordered {
            let k = key(i);
            match groups.iter_mut().find(|g| g.0 == k) {
                Some(g) => g.1.push(i),
                None => groups.push((k, vec![i])),
            }
        }
        let mut out = TableRows::default();
        for (label, members) in groups {
            out.headings.push(Some((label, members.len())));
            out.rows.push(HEADING);
            for i in members {
                out.headings.push(None);
                out.rows.push(i);
            }
        }
        out
    }
}

/// What a click on a row does to the selection: the row the editor shows
/// (`selected`) and the others selected with it (`also`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Click {
    /// A plain click: this row alone.
    Plain,
    /// Ctrl-click: add or take away this row.
    Toggle,
    /// Shift-click: every row from the editor's to this one.
    Range,
}

/// Applies a click on the row of `id`. `ids` are the table's rows as requirement ids
/// (`None` for headings). Returns the requirement the editor should show now, when a
/// plain click changed it.
pub fn click(
    selected: Option<RequirementId>,
    also: &mut Vec<RequirementId>,
    ids: &[Option<RequirementId>],
    id: RequirementId,
    how: Click,
) -> Option<RequirementId> {
    let Some(anchor) = selected.filter(|_| how != Click::Plain) else {
        also.clear();
        return Some(id);
    };
    let at = |x: RequirementId| ids.iter().position(|r| *r == Some(x));
    match (how, at(anchor), at(id)) {
        (Click::Range, Some(a), Some(b)) => {
            // A set to check against: a range may hold tens of thousands.
            let mut have: std::collections::HashSet<RequirementId> = also.iter().copied().collect();
            have.insert(anchor);
            for rid in ids[a.min(b)..=a.max(b)].iter().flatten() {
                if have.insert(*rid) {
                    also.push(*rid);
                }
            }
        }
        _ if id != anchor => match also.iter().position(|x| *x == id) {
            Some(at) => {
                also.remove(at);
            }
            None => also.push(id),
        },
        _ => {}
    }
    None
}

/// Opens a collapsed requirement or collapses an open one.
pub fn toggle_collapsed(collapsed: &mut BTreeSet<RequirementId>, id: RequirementId) {
    if !collapsed.remove(&id) {
        collapsed.insert(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: i64) -> RequirementId {
        RequirementId(n)
    }

    #[test]
    fn grouping_keeps_the_order_inside_groups_and_heads_each() {
        let t = TableRows::grouped(vec![0, 1, 2, 3], |i| ["a", "b", "a", "c"][i].to_owned());
        assert_eq!(t.rows, [HEADING, 0, 2, HEADING, 1, HEADING, 3]);
        assert_eq!(t.headings[0], Some(("a".to_owned(), 2)));
        assert_eq!(t.headings[3], Some(("b".to_owned(), 1)));
        assert_eq!(t.headings[1], None);
        assert_eq!(TableRows::flat(vec![4, 5]).headings, [None, None]);
    }

    #[test]
    fn ctrl_toggles_shift_takes_a_range_and_a_plain_click_starts_over() {
        let ids: Vec<Option<RequirementId>> = vec![
            None,
            Some(id(1)),
            Some(id(2)),
            Some(id(3)),
            None,
            Some(id(4)),
        ];
        let mut also = Vec::new();
        assert_eq!(
            click(None, &mut also, &ids, id(2), Click::Toggle),
            Some(id(2))
        );
        assert_eq!(
            click(Some(id(2)), &mut also, &ids, id(4), Click::Toggle),
            None
        );
        assert_eq!(also, [id(4)]);
        click(Some(id(2)), &mut also, &ids, id(4), Click::Toggle);
        assert!(also.is_empty());
        // From the editor's row down past a heading: every requirement, once.
        click(Some(id(2)), &mut also, &ids, id(4), Click::Range);
        assert_eq!(also, [id(3), id(4)]);
        click(Some(id(2)), &mut also, &ids, id(1), Click::Range);
        assert_eq!(also, [id(3), id(4), id(1)]);
        assert_eq!(
            click(Some(id(2)), &mut also, &ids, id(3), Click::Plain),
            Some(id(3))
        );
        assert!(also.is_empty());
    }

    #[test]
    fn collapsing_toggles() {
        let mut set = BTreeSet::new();
        toggle_collapsed(&mut set, id(7));
        assert!(set.contains(&id(7)));
        toggle_collapsed(&mut set, id(7));
        assert!(set.is_empty());
    }
}
