//! Demand per requirement and customer segment (or customer): the importance (0–3) of
//! every feedback item linked to a requirement, added up under the segment or the
//! customer that gave it. Only requirements some feedback asks for are rows, the most
//! demanded first; columns are sorted by their total demand, largest first.

use std::collections::HashMap;

use crate::model::requirement::RequirementId;
use crate::report::insights::InsightsView;

/// What the columns are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DemandColumns {
    #[default]
    Segments,
    Customers,
}

/// The matrix, ready to draw.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SegmentDemand {
    pub columns_are: DemandColumns,
    /// (requirement, "REQ-3 title", its demand over all columns).
    pub rows: Vec<(RequirementId, String, u32)>,
    /// Column names; an empty name is feedback with no segment (or customer) given.
    pub cols: Vec<String>,
    /// Per row, (column, demand) in ascending column order.
    pub cells: Vec<Vec<(u32, u32)>>,
    /// Demand per column.
    pub col_total: Vec<u32>,
}

impl SegmentDemand {
    pub fn build(insights: &InsightsView, columns_are: DemandColumns) -> SegmentDemand {
        let column_of = |i: usize| -> &str {
            let f = &insights.feedback[i].fields;
            match columns_are {
                DemandColumns::Segments => f.segment.trim(),
                DemandColumns::Customers => f.customer.trim(),
            }
        };
        // Sum per (requirement, column name) first; columns get their order after.
        let mut by_name: HashMap<&str, u32> = HashMap::new();
        let mut rows: Vec<(RequirementId, String, u32)> = Vec::new();
        let mut named_cells: Vec<Vec<(&str, u32)>> = Vec::new();
        for r in &insights.requirements {
            if r.feedback.is_empty() {
                continue;
            }
            let id = r.requirement.id;
            let mut cells: Vec<(&str, u32)> = Vec::new();
            for &i in &r.feedback {
                let Some(importance) = insights
                    .feedback
                    .get(i)
                    .and_then(|f| f.fields.importance_for(id))
                else {
                    continue;
                };
                let name = column_of(i);
                *by_name.entry(name).or_default() += u32::from(importance);
                match cells.iter_mut().find(|c| c.0 == name) {
                    Some(c) => c.1 += u32::from(importance),
                    None => cells.push((name, u32::from(importance))),
                }
            }
            rows.push((
                id,
                format!("{} {}", id.key(), r.requirement.fields.title),
                cells.iter().map(|c| c.1).sum(),
            ));
            named_cells.push(cells);
        }
        let mut cols: Vec<(&str, u32)> = by_name.into_iter().collect();
        // Largest demand first; ties by name, so the order is stable.
        cols.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let index: HashMap<&str, u32> = cols
            .iter()
            .enumerate()
            .map(|(i, c)| (c.0, i as u32))
            .collect();
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by(|&a, &b| rows[b].2.cmp(&rows[a].2).then(rows[a].0.cmp(&rows[b].0)));
        let cells = order
            .iter()
            .map(|&i| {
                let mut row: Vec<(u32, u32)> = named_cells[i]
                    .iter()
                    .filter_map(|(name, n)| Some((*index.get(name)?, *n)))
                    .collect();
                row.sort_unstable();
                row
            })
            .collect();
        let rows = order.iter().map(|&i| rows[i].clone()).collect();
        SegmentDemand {
            columns_are,
            rows,
            col_total: cols.iter().map(|c| c.1).collect(),
            cols: cols.into_iter().map(|c| c.0.to_owned()).collect(),
            cells,
        }
    }

    /// The demand in a cell (0 when no feedback of that column asks for it).
    pub fn demand(&self, r: usize, c: usize) -> u32 {
        self.cells
            .get(r)
            .and_then(|row| {
                row.binary_search_by_key(&(c as u32), |x| x.0)
                    .ok()
                    .map(|i| row[i].1)
            })
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::requirement::{Requirement, RequirementFields};
    use crate::model::research::{
        Feedback, FeedbackFields, FeedbackId, FeedbackLink, FeedbackOrigin,
    };

    fn feedback(id: i64, segment: &str, customer: &str, links: &[(i64, u8)]) -> Feedback {
        Feedback {
            id: FeedbackId(id),
            fields: FeedbackFields {
                text: format!("反馈 {id}"),
                origin: FeedbackOrigin::Manual,
                customer: customer.into(),
                segment: segment.into(),
                links: links
                    .iter()
                    .map(|&(r, importance)| FeedbackLink {
                        requirement: RequirementId(r),
                        importance,
                    })
                    .collect(),
            },
        }
    }

    fn pool() -> InsightsView {
        let requirements = (1..=3)
            .map(|i| Requirement {
                id: RequirementId(i),
                fields: RequirementFields::titled(&format!("需求 {i}")),
            })
            .collect();
        InsightsView::of(
            Vec::new(),
            vec![
                feedback(1, "企业客户", "华联", &[(1, 3), (2, 1)]),
                feedback(2, "企业客户", "华联", &[(1, 2)]),
                feedback(3, "中小商户", "小李面馆", &[(2, 3)]),
                feedback(4, "", "", &[(2, 1)]),
            ],
            requirements,
            HashMap::new(),
        )
    }

    #[test]
    fn demand_adds_up_per_segment_with_the_most_demanded_first() {
        let m = SegmentDemand::build(&pool(), DemandColumns::Segments);
        // 企业客户 6, 中小商户 3, no segment 1.
        assert_eq!(m.cols, vec!["企业客户", "中小商户", ""]);
        assert_eq!(m.col_total, vec![6, 3, 1]);
        // REQ-1 has 5, REQ-2 has 5: the tie goes by key. REQ-3 has no feedback.
        assert_eq!(m.rows.iter().map(|r| r.2).collect::<Vec<_>>(), vec![5, 5]);
        assert_eq!(m.rows[0].0, RequirementId(1));
        assert_eq!((m.demand(0, 0), m.demand(0, 1)), (5, 0));
        assert_eq!((m.demand(1, 0), m.demand(1, 1), m.demand(1, 2)), (1, 3, 1));
    }

    #[test]
    fn by_customer_the_columns_are_the_customers() {
        let m = SegmentDemand::build(&pool(), DemandColumns::Customers);
        assert_eq!(m.cols, vec!["华联", "小李面馆", ""]);
        assert_eq!(m.demand(1, 1), 3);
    }
}
