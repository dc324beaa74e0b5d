//! Date expressions: finding them in text and resolving them against a publication date.

use crate::model::{DateValue, Span};
use chrono::NaiveDate;

/// A date expression found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// The words of the expression, e.g. "late on Saturday", "October 30, 2023", "In 2020".
    pub span: Span,
}

/// Every date expression inside `within` of `text`, in order, non-overlapping.
pub fn find_dates(_text: &str, _within: Span) -> Vec<DateMention> {
    Vec::new()
}

/// Resolves a found expression against the publication date (looking backwards).
pub fn resolve(_text: &str, _mention: &DateMention, _published: Option<NaiveDate>) -> DateValue {
    DateValue::unknown()
}

/// Full calendar dates (day, month and year all given) inside `within`, e.g. for publication
/// dates: "November 27, 2023", "January 22nd, 2024", "Tue 31 Oct 2023", "2024-02-28".
pub fn absolute_dates(_text: &str, _within: Span) -> Vec<(Span, NaiveDate)> {
    Vec::new()
}
