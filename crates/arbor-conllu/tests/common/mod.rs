//! Helpers shared by the data-backed tests.

/// The rows of a `udeval -v` style table: metric name and its numbers.
pub fn parse_table(text: &str) -> Vec<(String, Vec<f64>)> {
    text.lines()
        .skip(2)
        .filter(|l| l.contains('|'))
        .map(|l| {
            let mut cols = l.split('|').map(str::trim);
            let name = cols.next().unwrap_or_default().to_string();
            (name, cols.filter(|c| !c.is_empty()).map(|c| c.parse().unwrap()).collect())
        })
        .collect()
}
