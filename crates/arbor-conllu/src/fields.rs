//! Checks on single CoNLL-U lines: the ID column and the whitespace and emptiness rules that the
//! UD validator applies at level 1.

pub(crate) const COLUMNS: [&str; 10] =
    ["ID", "FORM", "LEMMA", "UPOS", "XPOS", "FEATS", "HEAD", "DEPREL", "DEPS", "MISC"];
pub(crate) const FORM: usize = 1;
pub(crate) const LEMMA: usize = 2;
pub(crate) const MISC: usize = 9;

/// The three kinds of line ID.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Id {
    Word(usize),
    Range(usize, usize),
    Empty(usize, usize),
}

/// A decimal number without sign or leading zeros; `allow_zero` admits `0`.
pub(crate) fn parse_number(s: &str, allow_zero: bool) -> Option<usize> {
    let canonical =
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0')) && s.len() <= 9;
    let n: usize = if canonical { s.parse().ok()? } else { return None };
    (allow_zero || n > 0).then_some(n)
}

pub(crate) fn parse_id(s: &str) -> Result<Id, String> {
    let bad = || format!("invalid ID '{s}': expected a word ID (1, 2, ...), a range (1-2) or an empty node (1.1)");
    if let Some((a, b)) = s.split_once('-') {
        let (a, b) = (parse_number(a, false).ok_or_else(bad)?, parse_number(b, false).ok_or_else(bad)?);
        if a >= b {
            return Err(format!("invalid multiword range '{s}': the first ID must be smaller than the last"));
        }
        Ok(Id::Range(a, b))
    } else if let Some((a, b)) = s.split_once('.') {
        Ok(Id::Empty(parse_number(a, true).ok_or_else(bad)?, parse_number(b, false).ok_or_else(bad)?))
    } else {
        parse_number(s, false).map(Id::Word).ok_or_else(bad)
    }
}

/// Level-1 rules for the columns of a token line: none empty; whitespace only inside FORM, LEMMA
/// and MISC (not in a multiword token's FORM), never leading, trailing or doubled (`lenient`:
/// leading, trailing and doubled whitespace allowed there, as the official evaluator reads them).
pub(crate) fn check_columns(cols: &[&str], multiword: bool, lenient: bool) -> Result<(), String> {
    for (i, col) in cols.iter().enumerate() {
        let name = COLUMNS[i];
        if col.is_empty() {
            return Err(format!("empty {name} column (write '_' for an unspecified value)"));
        }
        let may_have_space = matches!(i, FORM | LEMMA | MISC) && !(multiword && i == FORM);
        if !col.contains(char::is_whitespace) {
            continue;
        }
        if !may_have_space {
            return Err(format!("whitespace in the {name} column: '{col}'"));
        }
        if lenient {
            continue;
        }
        if col.starts_with(char::is_whitespace) || col.ends_with(char::is_whitespace) {
            return Err(format!("leading or trailing whitespace in the {name} column: '{col}'"));
        }
        let mut previous_space = false;
        for c in col.chars() {
            let space = c.is_whitespace();
            if space && previous_space {
                return Err(format!("repeated whitespace in the {name} column: '{col}'"));
            }
            previous_space = space;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_in_their_three_forms_and_reject_the_rest() {
        assert_eq!(parse_id("7"), Ok(Id::Word(7)));
        assert_eq!(parse_id("2-3"), Ok(Id::Range(2, 3)));
        assert_eq!(parse_id("0.1"), Ok(Id::Empty(0, 1)));
        for bad in ["0", "01", "-", "a", "2-X", "2-1", "3-3", "1.0", "1.01", "", "1-2-3", "+1"] {
            assert!(parse_id(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn columns_follow_the_whitespace_rules() {
        let ok = ["1", "100 000", "100 000", "NUM", "_", "_", "0", "root", "_", "A=b c"];
        assert!(check_columns(&ok, false, false).is_ok());
        let mut cols = ok;
        cols[2] = " Lon dra";
        assert!(check_columns(&cols, false, false).unwrap_err().contains("leading"));
        cols = ok;
        cols[7] = " punct";
        assert!(check_columns(&cols, false, false).unwrap_err().contains("DEPREL"));
        cols = ok;
        cols[1] = "a  b";
        assert!(check_columns(&cols, false, false).unwrap_err().contains("repeated"));
        cols = ok;
        cols[4] = "";
        assert!(check_columns(&cols, false, false).unwrap_err().contains("empty XPOS"));
        assert!(check_columns(&ok, true, false).unwrap_err().contains("FORM"));
        // Lenient: spaces at the ends or doubled inside FORM, LEMMA and MISC pass, elsewhere not.
        let cols = ["1", "a  b", "_", "X", "_", "_", "0", "root", "_", "SpacesAfter= "];
        assert!(check_columns(&cols, false, false).is_err());
        assert!(check_columns(&cols, false, true).is_ok());
        let cols = ["1", "a", "_", "X", "_", "_", "0", "ro ot", "_", "_"];
        assert!(check_columns(&cols, false, true).unwrap_err().contains("DEPREL"));
    }
}
