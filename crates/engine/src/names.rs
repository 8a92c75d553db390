//! The names of the user's resources, from everything pasted: the facts read from each input,
//! the command lines of a transcript (`--instance-profile-name web`), error messages
//! (`Instance profile web-prod not found`), and ARNs wherever they stand in the text.
//!
//! Every command the engine prints (fixes, next steps, the verdict's plan, Checklist and Gather)
//! takes its names from here, so a name the user pasted is never left as a placeholder. Where no
//! paste names a thing, [`Names::or_placeholder`] gives a quoted placeholder (`'<role-name>'`)
//! that is still valid shell and that [`placeholders_in`] finds, so renderers can mark the
//! command "edit before running".

use crate::input::arn::Arn;
use crate::input::command::CommandLine;
use crate::input::facts::{Facts, InstanceProfile, Role};
use crate::rules::case::Case;

/// At most this many names of one kind: a fleet names thousands, a command needs one.
const CAP: usize = 50;

/// What a name is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Role,
    Profile,
    InstanceId,
    AssociationId,
    Account,
    User,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Role,
        Kind::Profile,
        Kind::InstanceId,
        Kind::AssociationId,
        Kind::Account,
        Kind::User,
    ];

    /// The placeholder written where no paste names it (without its quotes).
    pub const fn placeholder(self) -> &'static str {
        match self {
            Kind::Role => "<role-name>",
            Kind::Profile => "<instance-profile-name>",
            Kind::InstanceId => "<instance-id>",
            Kind::AssociationId => "<association-id>",
            Kind::Account => "<account-id>",
            Kind::User => "<user-name>",
        }
    }

    /// Whether `value` can be a name of this kind (and so goes into a command unquoted-safe).
    pub fn accepts(self, value: &str) -> bool {
        match self {
            Kind::Role | Kind::User => is_iam_name(value, 64),
            Kind::Profile => is_iam_name(value, 128),
            Kind::InstanceId => is_instance_id(value),
            Kind::AssociationId => value
                .strip_prefix("iip-assoc-")
                .is_some_and(|hex| !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit())),
            Kind::Account => value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit()),
        }
    }
}

/// IAM's name rule: `[\w+=,.@-]`, 1 to `max` characters.
pub fn is_iam_name(name: &str, max: usize) -> bool {
    (1..=max).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+=,.@_-".contains(&b))
}

/// `i-` and 8 or 17 hexadecimal digits.
pub fn is_instance_id(id: &str) -> bool {
    id.strip_prefix("i-").is_some_and(|hex| {
        (hex.len() == 8 || hex.len() == 17) && hex.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// The names a case shows, each list in order of trust: what the instance and IAM say first,
/// then error messages, command lines and ARNs in the text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    pub roles: Vec<String>,
    pub profiles: Vec<String>,
    pub instance_ids: Vec<String>,
    /// `(association id, instance id)` when the listing shows the instance.
    pub associations: Vec<(String, Option<String>)>,
    pub accounts: Vec<String>,
    pub users: Vec<String>,
    /// The partition the ARNs name (`aws`, `aws-cn`, `aws-us-gov`), the first seen.
    pub partition: Option<String>,
    /// ARNs already read: a fleet repeats one profile ARN thousands of times, and parsing it
    /// again each time costs the page a noticeable pause on a 20 MB paste.
    seen_arns: Vec<String>,
}

impl Names {
    /// Every name of `kind`.
    pub fn all(&self, kind: Kind) -> Vec<&str> {
        match kind {
            Kind::Role => self.roles.iter().map(String::as_str).collect(),
            Kind::Profile => self.profiles.iter().map(String::as_str).collect(),
            Kind::InstanceId => self.instance_ids.iter().map(String::as_str).collect(),
            Kind::AssociationId => self.associations.iter().map(|(a, _)| a.as_str()).collect(),
            Kind::Account => self.accounts.iter().map(String::as_str).collect(),
            Kind::User => self.users.iter().map(String::as_str).collect(),
        }
    }

    /// The first (most trusted) name of `kind`.
    pub fn first(&self, kind: Kind) -> Option<&str> {
        self.all(kind).into_iter().next()
    }

    /// The first name of `kind`, else its placeholder, ready for a shell command.
    pub fn or_placeholder(&self, kind: Kind) -> String {
        crate::rules::support::shell(self.first(kind).unwrap_or(kind.placeholder()))
    }

    /// The association of `instance`, else the only one the case shows.
    pub fn association_of(&self, instance: Option<&str>) -> Option<&str> {
        let of_instance = self
            .associations
            .iter()
            .find(|(_, i)| instance.is_some() && i.as_deref() == instance);
        match (of_instance, self.associations.as_slice()) {
            (Some((id, _)), _) => Some(id),
            (None, [(id, _)]) => Some(id),
            _ => None,
        }
    }

    fn add(&mut self, kind: Kind, value: &str) {
        let value = value.trim();
        if !kind.accepts(value) {
            return;
        }
        let list = match kind {
            Kind::Role => &mut self.roles,
            Kind::Profile => &mut self.profiles,
            Kind::InstanceId => &mut self.instance_ids,
            Kind::Account => &mut self.accounts,
            Kind::User => &mut self.users,
            Kind::AssociationId => {
                if self.associations.len() < CAP
                    && !self.associations.iter().any(|(a, _)| a == value)
                {
                    self.associations.push((value.to_owned(), None));
                }
                return;
            }
        };
        if list.len() < CAP && !list.iter().any(|v| v == value) {
            list.push(value.to_owned());
        }
    }

    /// The names an ARN carries (an IAM role, profile or user, an assumed role's role and
    /// instance session, an EC2 instance).
    fn add_arn(&mut self, text: &str) {
        if self.seen_arns.iter().any(|seen| seen == text) {
            return;
        }
        if self.seen_arns.len() < 4 * CAP {
            self.seen_arns.push(text.to_owned());
        }
        let Some(arn) = Arn::parse(text) else {
            return;
        };
        if self.partition.is_none() {
            self.partition = Some(arn.partition.clone());
        }
        self.add(Kind::Account, &arn.account);
        match (arn.service.as_str(), arn.resource_type.as_str()) {
            ("iam", "role") => self.add(Kind::Role, &arn.resource_name),
            ("iam", "instance-profile") => self.add(Kind::Profile, &arn.resource_name),
            ("iam", "user") => self.add(Kind::User, &arn.resource_name),
            ("sts", "assumed-role") => {
                if let Some((role, session)) = arn.assumed_role() {
                    self.add(Kind::Role, role);
                    self.add(Kind::InstanceId, session);
                }
            }
            ("ec2", "instance") => self.add(Kind::InstanceId, &arn.resource_name),
            _ => {}
        }
    }

    fn add_profile(&mut self, profile: &InstanceProfile) {
        if let Some(name) = &profile.name {
            self.add(Kind::Profile, &name.value);
        }
        if let Some(arn) = &profile.arn {
            self.add_arn(&arn.value);
        }
    }

    fn add_role(&mut self, role: &Role) {
        if let Some(name) = &role.name {
            self.add(Kind::Role, &name.value);
        }
        if let Some(arn) = &role.arn {
            self.add_arn(&arn.value);
        }
    }

    /// What the command line above an output names.
    fn add_command(&mut self, command: &CommandLine) {
        for (option, kind) in [
            ("--instance-profile-name", Kind::Profile),
            ("--role-name", Kind::Role),
            ("--instance-id", Kind::InstanceId),
            ("--instance-ids", Kind::InstanceId),
            ("--association-id", Kind::AssociationId),
            ("--user-name", Kind::User),
        ] {
            if let Some(value) = command.option(option) {
                self.add(kind, value);
            }
        }
        if let Some(value) = command.option("--iam-instance-profile") {
            for pair in value.split(',') {
                match pair.split_once('=') {
                    Some(("Name", name)) => self.add(Kind::Profile, name),
                    Some(("Arn", arn)) => self.add_arn(arn),
                    _ => {}
                }
            }
        }
        // `--filters Name=instance-id,Values=i-…`
        for word in &command.args {
            if let Some(values) = word.split("Values=").nth(1) {
                for value in values.split(',') {
                    self.add(Kind::InstanceId, value);
                }
            }
        }
    }

    /// The names an error message spells out in words.
    fn add_message(&mut self, message: &str) {
        for (before, kind) in [
            ("nstance profile ", Kind::Profile),
            ("nstance Profile ", Kind::Profile),
            ("role with name ", Kind::Role),
            ("Role with name ", Kind::Role),
            ("user with name ", Kind::User),
            ("assume the role ", Kind::Role),
        ] {
            for piece in message.split(before).skip(1) {
                let word = piece.split_whitespace().next().unwrap_or_default();
                let word = word.trim_matches(|c: char| "'\"`.,:;()".contains(c));
                if word != "with" && word != "not" {
                    self.add(kind, word);
                }
            }
        }
    }

    /// ARNs and instance ids anywhere in a paste's text.
    fn add_text(&mut self, text: &str) {
        let mut rest = text;
        while let Some(at) = rest.find("arn:aws") {
            let tail = rest.get(at..).unwrap_or_default();
            let end = tail
                .find(|c: char| c.is_whitespace() || "\"'`,<>()[]{}\\".contains(c))
                .unwrap_or(tail.len());
            let arn = tail
                .get(..end)
                .unwrap_or_default()
                .trim_end_matches(['.', ';']);
            self.add_arn(arn);
            rest = tail.get(end.max(1)..).unwrap_or_default();
        }
        let mut rest = text;
        while let Some(at) = rest.find("i-") {
            if self.instance_ids.len() >= CAP {
                break;
            }
            let before = text.len() - rest.len() + at;
            let boundary = before == 0
                || text
                    .as_bytes()
                    .get(before - 1)
                    .is_some_and(|b| !b.is_ascii_alphanumeric() && *b != b'-');
            let tail = rest.get(at..).unwrap_or_default();
            let end = tail
                .bytes()
                .skip(2)
                .position(|b| !b.is_ascii_hexdigit())
                .map_or(tail.len(), |p| p + 2);
            let id = tail.get(..end).unwrap_or_default();
            // Only the 17-digit form: 8 hex digits also spell many ordinary words' tails.
            if boundary && id.len() == 19 {
                self.add(Kind::InstanceId, id);
            }
            rest = tail.get(2..).unwrap_or_default();
        }
    }

    /// Reads every name of the case.
    pub fn of(case: &Case) -> Names {
        let mut names = Names::default();
        // What the instance says first: the role it has credentials for, its profile.
        for at in case.inputs() {
            match &at.input.facts {
                Facts::CredentialsListing(listing) => {
                    for role in &listing.role_names {
                        names.add(Kind::Role, &role.value);
                    }
                }
                Facts::ImdsCredentials(credentials) => {
                    if let Some(role) = &credentials.role_name {
                        names.add(Kind::Role, &role.value);
                    }
                    if let Some(account) = &credentials.account_id {
                        names.add(Kind::Account, &account.value);
                    }
                }
                Facts::ImdsIamInfo(info) => {
                    if let Some(arn) = &info.profile_arn {
                        names.add_arn(&arn.value);
                    }
                }
                _ => {}
            }
        }
        // Then what IAM and EC2 show.
        for at in case.inputs() {
            match &at.input.facts {
                Facts::InstanceProfiles(profiles) => {
                    for profile in profiles {
                        names.add_profile(profile);
                        profile.roles.iter().for_each(|r| names.add_role(r));
                    }
                }
                Facts::Roles(roles) => roles.iter().for_each(|r| names.add_role(r)),
                Facts::AccountAuthorizationDetails(details) => {
                    details.instance_profiles.iter().for_each(|p| {
                        names.add_profile(p);
                        p.roles.iter().for_each(|r| names.add_role(r));
                    });
                    details.roles.iter().for_each(|r| names.add_role(r));
                    for user in &details.users {
                        if let Some(name) = &user.name {
                            names.add(Kind::User, &name.value);
                        }
                    }
                }
                Facts::Instances(instances) | Facts::MetadataOptions(instances) => {
                    for instance in instances {
                        if let Some(id) = &instance.id {
                            names.add(Kind::InstanceId, &id.value);
                        }
                        if let Some(arn) = &instance.profile_arn {
                            names.add_arn(&arn.value);
                        }
                        if let Some(owner) = &instance.owner {
                            names.add(Kind::Account, &owner.value);
                        }
                    }
                }
                Facts::Associations(associations) => {
                    for association in associations {
                        let instance = association.instance_id.as_ref().map(|i| i.value.clone());
                        if let Some(instance) = &instance {
                            names.add(Kind::InstanceId, instance);
                        }
                        if let Some(arn) = &association.profile_arn {
                            names.add_arn(&arn.value);
                        }
                        if let Some(id) = &association.id {
                            let id = id.value.trim();
                            if Kind::AssociationId.accepts(id)
                                && names.associations.len() < CAP
                                && !names.associations.iter().any(|(a, _)| a == id)
                            {
                                names.associations.push((id.to_owned(), instance));
                            }
                        }
                    }
                }
                Facts::CallerIdentity(identity) => {
                    if let Some(arn) = &identity.arn {
                        names.add_arn(&arn.value);
                    }
                    if let Some(account) = &identity.account {
                        names.add(Kind::Account, &account.value);
                    }
                }
                _ => {}
            }
        }
        // Then error messages and the command lines of a transcript.
        for at in case.inputs() {
            match &at.input.facts {
                Facts::AwsErrors(errors) => {
                    for error in errors {
                        for arn in [&error.principal, &error.resource].into_iter().flatten() {
                            names.add_arn(&arn.value);
                        }
                        if let Some(message) = &error.message {
                            names.add_message(&message.value);
                        }
                        let about_profile = error
                            .parameter
                            .as_ref()
                            .is_some_and(|p| p.value.starts_with("iamInstanceProfile"));
                        if let (true, Some(value)) = (about_profile, &error.parameter_value) {
                            match Arn::parse(&value.value) {
                                Some(_) => names.add_arn(&value.value),
                                None => names.add(Kind::Profile, &value.value),
                            }
                        }
                    }
                }
                Facts::SdkErrors(errors) => {
                    for error in errors {
                        names.add_message(&error.evidence.value);
                    }
                }
                Facts::ImdsIamInfo(info) => {
                    if let Some(message) = &info.message {
                        names.add_message(&message.value);
                    }
                }
                Facts::ImdsCredentials(credentials) => {
                    if let Some(message) = &credentials.message {
                        names.add_message(&message.value);
                    }
                }
                Facts::AuthorizationMessage(message) => {
                    for arn in [&message.principal_arn, &message.resource]
                        .into_iter()
                        .flatten()
                    {
                        names.add_arn(&arn.value);
                    }
                }
                _ => {}
            }
            if let Some(command) = at.command() {
                names.add_command(command);
            }
        }
        // Last, ARNs and instance ids anywhere in the text (a policy, a log line, a note).
        for paste in &case.pastes {
            names.add_text(&paste.text);
        }
        names
    }
}

/// The placeholders left in a command (`<role-name>`, `<association-id>`): what the user must
/// fill in before running it. `<redacted>` counts too: a masked secret has to be put back.
pub fn placeholders_in(command: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = command;
    while let Some(open) = rest.find('<') {
        let tail = rest.get(open..).unwrap_or_default();
        let close = tail.find('>');
        let word = close.and_then(|c| tail.get(..=c)).unwrap_or_default();
        let inner = word
            .get(1..word.len().saturating_sub(1))
            .unwrap_or_default();
        // `"<redacted>"` inside a sed expression is text the command writes, not a value to fill.
        let before = command.len() - tail.len();
        let in_double_quotes = command.as_bytes().get(before + word.len()) == Some(&b'"');
        if !inner.is_empty()
            && inner
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            if !in_double_quotes && !found.contains(&word) {
                found.push(word);
            }
            rest = tail.get(word.len()..).unwrap_or_default();
        } else {
            rest = tail.get(1..).unwrap_or_default();
        }
    }
    found
}

/// `command` with every placeholder outside quotes put in single quotes, so that the shell
/// never reads `<role-name>` as a redirection.
pub fn quote_placeholders(command: &str) -> String {
    let mut out = String::with_capacity(command.len() + 8);
    let mut quote: Option<char> = None;
    let mut chars = command.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '\\') => {
                out.push(c);
                if let Some((_, next)) = chars.next() {
                    out.push(next);
                }
                continue;
            }
            (None, '<') => {
                let tail = command.get(at..).unwrap_or_default();
                if let Some(word) = placeholders_in(tail)
                    .first()
                    .filter(|w| tail.starts_with(**w))
                {
                    out.push('\'');
                    out.push_str(word);
                    out.push('\'');
                    for _ in 1..word.chars().count() {
                        chars.next();
                    }
                    continue;
                }
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_messages_commands_and_arns() {
        let case = Case::read(&[
            "$ aws iam get-instance-profile --instance-profile-name web-prod\n\nAn error occurred (NoSuchEntity) when calling the GetInstanceProfile operation: Instance Profile web-prod cannot be found.\n",
            "note: the role arn:aws:iam::123456789012:role/app/web-role is the one; instance i-0123456789abcdef0.",
        ]);
        let names = Names::of(&case);
        assert_eq!(names.first(Kind::Profile), Some("web-prod"));
        assert_eq!(names.first(Kind::Role), Some("web-role"));
        assert_eq!(names.first(Kind::InstanceId), Some("i-0123456789abcdef0"));
        assert_eq!(names.first(Kind::Account), Some("123456789012"));
        assert_eq!(names.or_placeholder(Kind::User), "'<user-name>'");
        assert_eq!(names.partition.as_deref(), Some("aws"));
    }

    #[test]
    fn names_that_are_not_names_are_left_out() {
        let case = Case::read(&["aws iam get-role --role-name '$(id)'\nrole with name not found"]);
        let names = Names::of(&case);
        assert!(names.roles.is_empty(), "{:?}", names.roles);
    }

    #[test]
    fn placeholders_are_found_and_quoted() {
        let command = "aws ec2 replace-iam-instance-profile-association --association-id <association-id> --iam-instance-profile Name='<instance-profile-name>' 2>/dev/null";
        assert_eq!(
            placeholders_in(command),
            vec!["<association-id>", "<instance-profile-name>"]
        );
        assert_eq!(
            quote_placeholders(command),
            "aws ec2 replace-iam-instance-profile-association --association-id '<association-id>' --iam-instance-profile Name='<instance-profile-name>' 2>/dev/null"
        );
        assert_eq!(
            quote_placeholders("a \"<x>\" b\\<y> <z>"),
            "a \"<x>\" b\\<y> '<z>'"
        );
        assert!(placeholders_in("curl -s http://x < file").is_empty());
        assert!(placeholders_in(r#"sed -e 's/"Token"\1"<redacted>"/g'"#).is_empty());
        assert!(placeholders_in(r#"sed -e 's/"Id"\1"\2<redacted>"/g'"#).is_empty());
    }
}
