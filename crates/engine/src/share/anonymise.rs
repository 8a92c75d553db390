//! Anonymising (being written).

pub fn anonymise(texts: &[String]) -> Vec<String> {
    texts.to_vec()
}
