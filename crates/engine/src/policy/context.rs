//! The request context: condition keys and their values, and what is known about the rest.

/// Condition keys of a request (`aws:SourceIp`, `iam:PassedToService`, tags…) and their values.
///
/// Keys are case-insensitive, as in IAM. A key may have several values (`aws:TagKeys`).
///
/// By default a context is *open*: a key that was not given is unknown, and a condition on it
/// makes the decision [`Decision::Depends`](super::Decision::Depends). A *complete* context
/// ([`Context::complete`]) states that the request carries no other keys, as a real request
/// does: absent keys are absent (IfExists applies, `Null` is true). In an open context a key can
/// still be declared absent with [`Context::without`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Context {
    entries: Vec<ContextEntry>,
    complete: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct ContextEntry {
    key: Box<str>,
    /// `None`: known to be absent from the request.
    values: Option<Vec<Box<str>>>,
}

impl Context {
    /// An open context with no keys: every condition key is unknown.
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks the context complete: keys not given are absent from the request.
    pub fn complete(mut self) -> Self {
        self.complete = true;
        self
    }

    /// Adds `value` to `key` (a repeated key becomes multi-valued).
    pub fn with(mut self, key: &str, value: &str) -> Self {
        self.insert(key, value);
        self
    }

    /// Sets `key` to exactly these values (an empty list: present with no values).
    pub fn with_values<I, S>(mut self, key: &str, values: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let values: Vec<Box<str>> = values.into_iter().map(|v| Box::from(v.as_ref())).collect();
        match self.entry_mut(key) {
            Some(entry) => entry.values = Some(values),
            None => self.entries.push(ContextEntry {
                key: Box::from(key),
                values: Some(values),
            }),
        }
        self
    }

    /// Declares `key` absent from the request (meaningful in an open context).
    pub fn without(mut self, key: &str) -> Self {
        match self.entry_mut(key) {
            Some(entry) => entry.values = None,
            None => self.entries.push(ContextEntry {
                key: Box::from(key),
                values: None,
            }),
        }
        self
    }

    /// Adds `value` to `key` in place.
    pub fn insert(&mut self, key: &str, value: &str) {
        match self.entry_mut(key) {
            Some(entry) => entry
                .values
                .get_or_insert_with(Vec::new)
                .push(Box::from(value)),
            None => self.entries.push(ContextEntry {
                key: Box::from(key),
                values: Some(vec![Box::from(value)]),
            }),
        }
    }

    /// True when keys not given are absent rather than unknown.
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// The values of `key`: `Some` when given, `None` when not given or declared absent.
    pub fn get(&self, key: &str) -> Option<&[Box<str>]> {
        self.entry(key).and_then(|e| e.values.as_deref())
    }

    /// Every key given (with values or declared absent), in insertion order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.key.as_ref())
    }

    fn entry(&self, key: &str) -> Option<&ContextEntry> {
        self.entries
            .iter()
            .find(|e| e.key.eq_ignore_ascii_case(key))
    }

    fn entry_mut(&mut self, key: &str) -> Option<&mut ContextEntry> {
        self.entries
            .iter_mut()
            .find(|e| e.key.eq_ignore_ascii_case(key))
    }

    pub(crate) fn state(&self, key: &str) -> KeyValues<'_> {
        match self.entry(key) {
            Some(ContextEntry {
                values: Some(values),
                ..
            }) => KeyValues::Present(Values(values)),
            Some(ContextEntry { values: None, .. }) => KeyValues::Absent,
            None if self.complete => KeyValues::Absent,
            None => KeyValues::Unknown,
        }
    }
}

/// The values a key has in one request.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Values<'a>(&'a [Box<str>]);

impl<'a> Values<'a> {
    pub(crate) fn first(&self) -> Option<&'a str> {
        self.0.first().map(|v| v.as_ref())
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &'a str> {
        self.0.iter().map(|v| v.as_ref())
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What the evaluator knows about a key.
#[derive(Clone, Copy, Debug)]
pub(crate) enum KeyValues<'a> {
    Present(Values<'a>),
    Absent,
    Unknown,
}

/// Key lookup for one request. Only the context counts: IAM fills some keys from the request
/// (`aws:ResourceAccount`…), but a caller that knows them says so, and the reference simulator we
/// agree with does not invent them either.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Lookup<'a> {
    context: Option<&'a Context>,
}

impl<'a> Lookup<'a> {
    /// No context at all: every variable is unknown.
    pub(crate) const EMPTY: Lookup<'static> = Lookup { context: None };

    pub(crate) fn new(context: &'a Context) -> Self {
        Lookup {
            context: Some(context),
        }
    }

    pub(crate) fn values(&self, key: &str) -> KeyValues<'a> {
        match self.context {
            Some(context) => context.state(key),
            None => KeyValues::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_case_insensitive_and_multi_valued() {
        let context = Context::new()
            .with("aws:TagKeys", "a")
            .with("AWS:tagkeys", "b")
            .without("aws:MultiFactorAuthPresent");
        assert_eq!(context.get("aws:tagKeys").map(|v| v.len()), Some(2));
        assert!(matches!(
            context.state("aws:MultiFactorAuthPresent"),
            KeyValues::Absent
        ));
        assert!(matches!(context.state("aws:SourceIp"), KeyValues::Unknown));
        let complete = context.clone().complete();
        assert!(matches!(complete.state("aws:SourceIp"), KeyValues::Absent));
    }
}
