//! The minimal form (being written).

use super::Case;

pub fn reduce(case: &Case) -> Vec<String> {
    case.inputs.clone()
}
