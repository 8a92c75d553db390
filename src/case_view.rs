//! Looking things up in the engine's case for rendering: which paste an input came from, the
//! secrets of a paste, the pasted document a corrected one replaces.

use std::ops::Deref;
use std::rc::Rc;

use engine::finding::Finding;
use engine::input::{Facts, Input, PolicyDocument};
use engine::rules::Case;
use engine::text::Span;

/// A value shared between components; equal only to itself (cheap props comparison).
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The paste (its position in the case) and the input for an input number of the case.
pub fn input_at(case: &Case, index: usize) -> Option<(usize, &Input)> {
    case.pastes
        .iter()
        .enumerate()
        .flat_map(|(position, paste)| paste.inputs.iter().map(move |input| (position, input)))
        .nth(index)
}

/// Every secret span of a paste, from all its inputs.
pub fn paste_secrets(paste: &engine::rules::Paste) -> Vec<Span> {
    paste
        .inputs
        .iter()
        .flat_map(|input| input.secrets.iter().map(|secret| secret.span))
        .collect()
}

/// How many credentials the whole case holds: the count `secrets-in-input` gives.
pub fn secret_count(case: &Case) -> usize {
    engine::input::secrets::credential_count(
        case.pastes.iter().flat_map(|paste| paste.inputs.iter()),
    )
}

/// Every policy document with a principal (trust policies) in the case, with its paste.
pub fn trust_documents(case: &Case) -> Vec<(usize, &PolicyDocument)> {
    let mut found = Vec::new();
    for (position, paste) in case.pastes.iter().enumerate() {
        for input in &paste.inputs {
            let documents: Vec<&PolicyDocument> = match &input.facts {
                Facts::TrustPolicy(document) => vec![document],
                Facts::Roles(roles) => roles
                    .iter()
                    .filter_map(|r| r.trust_policy.as_ref())
                    .collect(),
                Facts::InstanceProfiles(profiles) => profiles
                    .iter()
                    .flat_map(|p| p.roles.iter())
                    .filter_map(|r| r.trust_policy.as_ref())
                    .collect(),
                Facts::AccountAuthorizationDetails(details) => details
                    .roles
                    .iter()
                    .filter_map(|r| r.trust_policy.as_ref())
                    .collect(),
                _ => Vec::new(),
            };
            found.extend(documents.into_iter().map(|document| (position, document)));
        }
    }
    found
}

/// The pasted document a finding's corrected document replaces: the trust policy its evidence
/// points into. (Never a guess: another role's policy is not a base for a diff.)
pub fn pasted_document<'c>(case: &'c Case, finding: &Finding) -> Option<&'c PolicyDocument> {
    let documents = trust_documents(case);
    finding.evidence.iter().find_map(|evidence| {
        let (position, _) = input_at(case, evidence.input)?;
        documents
            .iter()
            .find(|(at, document)| {
                *at == position
                    && document.span.start <= evidence.span.start
                    && evidence.span.end <= document.span.end
            })
            .map(|(_, document)| *document)
    })
}
