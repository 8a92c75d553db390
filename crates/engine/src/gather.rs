//! The commands that collect the evidence: on the instance (curl and a POSIX shell only) and with
//! the AWS CLI, filled with the names already known.
//!
//! The page's Gather panel and `ec2-iam-doctor gather` render the same data: [`steps`] lists one
//! [`GatherStep`] per command, and [`shell_script`] turns the steps of one place into a script
//! whose output is a terminal transcript (`$ command`, then its output, for every step) that
//! `ec2-iam-doctor diagnose` and the page read back whole.
//!
//! Secrets never leave the instance: the script replaces the IMDSv2 token and the values of
//! `AccessKeyId`, `SecretAccessKey` and `Token` with [`REDACTED`] before anything is printed.

use crate::lang::Lang;

/// Where a step runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Where {
    /// On the EC2 instance itself, with curl against the instance metadata service (IMDS).
    #[default]
    Instance,
    /// Anywhere the AWS CLI is signed in with rights to read IAM and EC2.
    AwsCli,
}

impl Where {
    pub const ALL: [Where; 2] = [Where::Instance, Where::AwsCli];

    pub const fn id(self) -> &'static str {
        match self {
            Where::Instance => "instance",
            Where::AwsCli => "aws-cli",
        }
    }

    pub fn from_id(id: &str) -> Option<Where> {
        Where::ALL.into_iter().find(|place| place.id() == id)
    }

    /// A heading for the steps of this place.
    pub const fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Where::Instance, Lang::En) => "On the instance (curl and a POSIX shell)",
            (Where::Instance, Lang::Ja) => "インスタンス上で (curl と POSIX シェル)",
            (Where::AwsCli, Lang::En) => "With the AWS CLI (read access to IAM and EC2)",
            (Where::AwsCli, Lang::Ja) => "AWS CLI で (IAM と EC2 の読み取り権限)",
        }
    }
}

/// What the user sees, which decides what to gather first (the page's start-here view).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Symptom {
    /// The instance runs, but its programs get no credentials from its role.
    NoCredentials,
    /// Launching with a role (or attaching one) fails with AccessDenied.
    LaunchFails,
}

impl Symptom {
    pub const ALL: [Symptom; 2] = [Symptom::NoCredentials, Symptom::LaunchFails];

    pub const fn id(self) -> &'static str {
        match self {
            Symptom::NoCredentials => "no-credentials",
            Symptom::LaunchFails => "launch-fails",
        }
    }

    pub const fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Symptom::NoCredentials, Lang::En) => "The instance gets no credentials",
            (Symptom::NoCredentials, Lang::Ja) => "インスタンスが認証情報を取得できない",
            (Symptom::LaunchFails, Lang::En) => "The launch (or attaching the role) fails",
            (Symptom::LaunchFails, Lang::Ja) => "起動 (またはロールの関連付け) が失敗する",
        }
    }

    /// What to paste, in one sentence.
    pub const fn what_to_paste(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Symptom::NoCredentials, Lang::En) => {
                "Run these on the instance; paste their output with your program's error."
            }
            (Symptom::NoCredentials, Lang::Ja) => {
                "インスタンス上で実行し、出力をプログラムのエラーと一緒に貼り付けてください。"
            }
            (Symptom::LaunchFails, Lang::En) => {
                "Paste the launch's whole error, then the output of these commands."
            }
            (Symptom::LaunchFails, Lang::Ja) => {
                "起動時のエラー全体と、これらのコマンドの出力を貼り付けてください。"
            }
        }
    }

    /// The ids of the [`steps`] to run first, in order.
    pub const fn step_ids(self) -> &'static [&'static str] {
        match self {
            Symptom::NoCredentials => &[
                "imds-token",
                "imds-iam-info",
                "imds-credentials-listing",
                "describe-instances",
            ],
            Symptom::LaunchFails => &["caller-identity", "get-instance-profile", "get-role"],
        }
    }
}

/// The names the user already knows. Each one left out becomes a placeholder in [`steps`]; the
/// scripts find what they can (the role IMDS lists, the profile of the instance).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GatherRequest {
    /// The role's name (`web-role`).
    pub role: Option<String>,
    /// The instance profile's name (`web-profile`), not an AWS CLI profile.
    pub profile: Option<String>,
    /// The instance id (`i-0123456789abcdef0`).
    pub instance_id: Option<String>,
    /// The place [`shell_script`] writes the script for.
    pub place: Where,
    /// The language of the script's comments and notes.
    pub lang: Lang,
}

/// A name that cannot be put into a command as given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidName {
    /// `role`, `profile` or `instance-id`.
    pub field: &'static str,
    pub value: String,
}

impl InvalidName {
    pub fn message(&self, lang: Lang) -> String {
        let value = &self.value;
        match (self.field, lang) {
            ("instance-id", Lang::En) => format!(
                "`{value}` is not an instance id (`i-` followed by 8 or 17 hexadecimal digits)"
            ),
            ("instance-id", Lang::Ja) => format!(
                "`{value}` はインスタンス ID ではありません (`i-` に続く 8 桁または 17 桁の 16 進数)"
            ),
            ("role", Lang::En) => format!(
                "`{value}` is not a role name (1 to 64 letters, digits and `+=,.@_-`)"
            ),
            ("role", Lang::Ja) => format!(
                "`{value}` はロール名として使えません (英数字と `+=,.@_-` の 1〜64 文字)"
            ),
            (_, Lang::En) => format!(
                "`{value}` is not an instance profile name (1 to 128 letters, digits and `+=,.@_-`)"
            ),
            (_, Lang::Ja) => format!(
                "`{value}` はインスタンスプロファイル名として使えません (英数字と `+=,.@_-` の 1〜128 文字)"
            ),
        }
    }
}

impl GatherRequest {
    /// Checks every name against IAM's rules (`[\w+=,.@-]`, 64 characters for a role, 128 for a
    /// profile) and the instance id's shape. Names go into shell scripts: this is also what keeps
    /// them from being read as shell syntax.
    pub fn validate(&self) -> Result<(), InvalidName> {
        for (field, value, max) in [("role", &self.role, 64), ("profile", &self.profile, 128)] {
            if let Some(value) = value {
                if !is_iam_name(value, max) {
                    return Err(InvalidName {
                        field,
                        value: value.clone(),
                    });
                }
            }
        }
        if let Some(id) = &self.instance_id {
            if !is_instance_id(id) {
                return Err(InvalidName {
                    field: "instance-id",
                    value: id.clone(),
                });
            }
        }
        Ok(())
    }
}

use crate::names::{is_iam_name, is_instance_id, Kind};

/// The request for a case: the role, instance profile and instance the pastes name first
/// ([`crate::names`]), so the Gather panel, the Checklist and the verdict's steps use the same
/// names as the findings.
pub fn request_for(case: &crate::rules::Case, lang: Lang) -> GatherRequest {
    let names = case.names();
    GatherRequest {
        role: names.first(Kind::Role).map(str::to_owned),
        profile: names.first(Kind::Profile).map(str::to_owned),
        instance_id: names.first(Kind::InstanceId).map(str::to_owned),
        lang,
        ..GatherRequest::default()
    }
}

/// One command of the Gather panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GatherStep {
    /// Stable id (`imds-iam-info`, `get-instance-profile`).
    pub id: &'static str,
    pub where_: Where,
    /// The command to copy, with the known names filled in and quoted placeholders
    /// (`'<role-name>'`) for the others.
    pub command: String,
    /// The placeholders left in `command`: `<role-name>`, `<instance-profile-name>`,
    /// `<instance-id>`.
    pub placeholders: Vec<&'static str>,
    title: Title,
}

impl GatherStep {
    /// What the step shows, in `lang`.
    pub fn title(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.title.en,
            Lang::Ja => self.title.ja,
        }
    }
}

/// What the scripts print in place of a secret value.
pub const REDACTED: &str = "<redacted>";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Title {
    en: &'static str,
    ja: &'static str,
}

/// A name a step needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Name {
    Role,
    Profile,
    InstanceId,
}

impl Name {
    /// The placeholder the findings use too (`<role-name>`), quoted in a command.
    const fn placeholder(self) -> &'static str {
        match self {
            Name::Role => Kind::Role.placeholder(),
            Name::Profile => Kind::Profile.placeholder(),
            Name::InstanceId => Kind::InstanceId.placeholder(),
        }
    }

    /// The variable the scripts keep it in.
    const fn variable(self) -> &'static str {
        match self {
            Name::Role => "ROLE",
            Name::Profile => "PROFILE",
            Name::InstanceId => "INSTANCE_ID",
        }
    }

    fn value(self, request: &GatherRequest) -> Option<&str> {
        match self {
            Name::Role => request.role.as_deref(),
            Name::Profile => request.profile.as_deref(),
            Name::InstanceId => request.instance_id.as_deref(),
        }
    }
}

/// How a step's command is made.
#[derive(Clone, Copy, Debug)]
enum Action {
    /// The IMDSv2 token PUT.
    Token,
    /// A GET of an IMDS path; `redact` pipes the answer through [`REDACT_SED`].
    ImdsGet { path: &'static str, redact: bool },
    /// An AWS CLI command: its words, the name it needs going after the last one.
    Aws {
        words: &'static str,
        option: Option<&'static str>,
    },
}

struct StepSpec {
    id: &'static str,
    where_: Where,
    title: Title,
    needs: Option<Name>,
    action: Action,
}

const IMDS: &str = "http://169.254.169.254";
/// A short timeout: an unreachable IMDS (or a hop limit of 1 seen from a container) shows as a
/// curl timeout instead of a hanging script.
const CURL: &str = "curl -sS --max-time 2";
const TOKEN_TTL_HEADER: &str = "-H \"X-aws-ec2-metadata-token-ttl-seconds: 21600\"";
/// Written with `$TOKEN` unexpanded, in the panel and in the transcript alike.
const TOKEN_HEADER: &str = "-H \"X-aws-ec2-metadata-token: $TOKEN\"";
const CREDENTIALS_PATH: &str = "/latest/meta-data/iam/security-credentials/";

/// A sed command (POSIX BRE, no GNU extensions) that replaces the values of the credential
/// fields: the secret key and session token whole, the access key id after its four-letter
/// prefix (`ASIA`: temporary credentials), which is worth seeing; an access key id of another
/// shape (no `<` in it: not already replaced) is replaced whole.
pub const REDACT_SED: &str = concat!(
    r#"sed -e 's/"SecretAccessKey"\([[:space:]]*:[[:space:]]*\)"[^"]*"/"SecretAccessKey"\1"<redacted>"/g'"#,
    r#" -e 's/"Token"\([[:space:]]*:[[:space:]]*\)"[^"]*"/"Token"\1"<redacted>"/g'"#,
    r#" -e 's/"AccessKeyId"\([[:space:]]*:[[:space:]]*\)"\([A-Z][A-Z][A-Z][A-Z]\)[^"]*"/"AccessKeyId"\1"\2<redacted>"/g'"#,
    r#" -e 's/"AccessKeyId"\([[:space:]]*:[[:space:]]*\)"[^"<]*"/"AccessKeyId"\1"<redacted>"/g'"#,
);

const STEPS: &[StepSpec] = &[
    StepSpec {
        id: "imds-token",
        where_: Where::Instance,
        title: Title {
            en: "Get an IMDSv2 session token (if this fails, run the next commands without the -H option: IMDSv1)",
            ja: "IMDSv2 のセッショントークンを取得する (失敗したら、以降のコマンドを -H オプションなしで実行する: IMDSv1)",
        },
        needs: None,
        action: Action::Token,
    },
    StepSpec {
        id: "imds-instance-id",
        where_: Where::Instance,
        title: Title {
            en: "Read the instance id",
            ja: "インスタンス ID を読む",
        },
        needs: None,
        action: Action::ImdsGet {
            path: "/latest/meta-data/instance-id",
            redact: false,
        },
    },
    StepSpec {
        id: "imds-iam",
        where_: Where::Instance,
        title: Title {
            en: "List the iam subtree of the instance metadata (404: no instance profile is associated)",
            ja: "インスタンスメタデータの iam サブツリーを一覧する (404: インスタンスプロファイルが関連付けられていない)",
        },
        needs: None,
        action: Action::ImdsGet {
            path: "/latest/meta-data/iam/",
            redact: false,
        },
    },
    StepSpec {
        id: "imds-iam-info",
        where_: Where::Instance,
        title: Title {
            en: "Read iam/info: the instance profile, or the error that stops the credentials",
            ja: "iam/info を読む: インスタンスプロファイル、または認証情報を止めているエラー",
        },
        needs: None,
        action: Action::ImdsGet {
            path: "/latest/meta-data/iam/info",
            redact: false,
        },
    },
    StepSpec {
        id: "imds-credentials-listing",
        where_: Where::Instance,
        title: Title {
            en: "List the role whose credentials IMDS serves",
            ja: "IMDS が認証情報を提供しているロールを一覧する",
        },
        needs: None,
        action: Action::ImdsGet {
            path: CREDENTIALS_PATH,
            redact: false,
        },
    },
    StepSpec {
        id: "imds-credentials",
        where_: Where::Instance,
        title: Title {
            en: "Read the role's credentials document (secret values are replaced before printing)",
            ja: "ロールの認証情報文書を読む (秘密の値は表示前に置き換える)",
        },
        needs: Some(Name::Role),
        action: Action::ImdsGet {
            path: CREDENTIALS_PATH,
            redact: true,
        },
    },
    StepSpec {
        id: "caller-identity",
        where_: Where::AwsCli,
        title: Title {
            en: "Show who the AWS CLI is signed in as",
            ja: "AWS CLI がどのプリンシパルでサインインしているかを表示する",
        },
        needs: None,
        action: Action::Aws {
            words: "sts get-caller-identity",
            option: None,
        },
    },
    StepSpec {
        id: "describe-instances",
        where_: Where::AwsCli,
        title: Title {
            en: "Show the instance's instance profile and metadata options",
            ja: "インスタンスのインスタンスプロファイルとメタデータオプションを表示する",
        },
        needs: Some(Name::InstanceId),
        action: Action::Aws {
            words: "ec2 describe-instances",
            option: Some("--instance-ids"),
        },
    },
    StepSpec {
        id: "instance-profile-associations",
        where_: Where::AwsCli,
        title: Title {
            en: "Show the instance's instance profile association and its state",
            ja: "インスタンスのインスタンスプロファイルの関連付けと状態を表示する",
        },
        needs: Some(Name::InstanceId),
        action: Action::Aws {
            words: "ec2 describe-iam-instance-profile-associations",
            option: Some("--filters Name=instance-id,Values="),
        },
    },
    StepSpec {
        id: "get-instance-profile",
        where_: Where::AwsCli,
        title: Title {
            en: "Show the instance profile, its id and the role it holds",
            ja: "インスタンスプロファイルとその ID、含まれるロールを表示する",
        },
        needs: Some(Name::Profile),
        action: Action::Aws {
            words: "iam get-instance-profile",
            option: Some("--instance-profile-name"),
        },
    },
    StepSpec {
        id: "list-instance-profiles-for-role",
        where_: Where::AwsCli,
        title: Title {
            en: "List the instance profiles that hold the role",
            ja: "ロールを含むインスタンスプロファイルを一覧する",
        },
        needs: Some(Name::Role),
        action: Action::Aws {
            words: "iam list-instance-profiles-for-role",
            option: Some("--role-name"),
        },
    },
    StepSpec {
        id: "get-role",
        where_: Where::AwsCli,
        title: Title {
            en: "Show the role and its trust policy",
            ja: "ロールとその信頼ポリシーを表示する",
        },
        needs: Some(Name::Role),
        action: Action::Aws {
            words: "iam get-role",
            option: Some("--role-name"),
        },
    },
];

impl StepSpec {
    /// The command with `value` for the name it needs (a real name, a placeholder or `$VAR`).
    fn command(&self, value: &str) -> String {
        match self.action {
            Action::Token => {
                // Exported: the next commands, pasted one by one into the same shell, use it.
                format!(
                    "TOKEN=$({CURL} -X PUT {TOKEN_TTL_HEADER} {IMDS}/latest/api/token); export TOKEN"
                )
            }
            Action::ImdsGet { path, redact } => {
                let role = if redact { value } else { "" };
                let get = format!("{CURL} {TOKEN_HEADER} {IMDS}{path}{role}");
                if redact {
                    format!("{get} | {REDACT_SED}")
                } else {
                    get
                }
            }
            Action::Aws { words, option } => match option {
                // `--filters Name=…,Values=` takes the value glued on.
                Some(option) if option.ends_with('=') => {
                    format!("aws {words} {option}{value} --output json")
                }
                Some(option) => format!("aws {words} {option} {value} --output json"),
                None => format!("aws {words} --output json"),
            },
        }
    }
}

/// Every step of the Gather panel, instance first, with the request's names filled in.
pub fn steps(request: &GatherRequest) -> Vec<GatherStep> {
    STEPS
        .iter()
        .map(|spec| {
            let (value, placeholders) = match spec.needs {
                Some(name) => match name.value(request) {
                    Some(value) => (value.to_owned(), Vec::new()),
                    // Quoted: the shell must not read `<role-name>` as a redirection.
                    None => (shell_quote(name.placeholder()), vec![name.placeholder()]),
                },
                None => (String::new(), Vec::new()),
            };
            GatherStep {
                id: spec.id,
                where_: spec.where_,
                command: spec.command(&value),
                placeholders,
                title: spec.title,
            }
        })
        .collect()
}

/// The steps whose output the case already holds, read whole: by the command line above an
/// output (an error answer counts: the step was run), else by the kind of the output.
pub fn pasted_steps(case: &crate::rules::Case) -> Vec<&'static str> {
    use crate::input::InputKind;
    let mut pasted = Vec::new();
    for at in case.inputs() {
        if !crate::chain::read_whole(at.input) {
            continue;
        }
        let by_command = at.command().and_then(|command| {
            if let Some(path) = command.imds_path.as_deref() {
                return match path.trim_end_matches('/') {
                    "/latest/api/token" => Some("imds-token"),
                    "/latest/meta-data/instance-id" => Some("imds-instance-id"),
                    "/latest/meta-data/iam" => Some("imds-iam"),
                    "/latest/meta-data/iam/info" => Some("imds-iam-info"),
                    "/latest/meta-data/iam/security-credentials" => {
                        Some("imds-credentials-listing")
                    }
                    p if p.starts_with("/latest/meta-data/iam/security-credentials/") => {
                        Some("imds-credentials")
                    }
                    _ => None,
                };
            }
            STEPS.iter().find_map(|spec| match spec.action {
                Action::Aws { words, .. } if command.is_aws(&[words]) => Some(spec.id),
                _ => None,
            })
        });
        let by_kind = match at.input.kind {
            InputKind::ImdsIamInfo => Some("imds-iam-info"),
            InputKind::ImdsCredentials => Some("imds-credentials"),
            InputKind::ImdsCredentialsListing => Some("imds-credentials-listing"),
            InputKind::CallerIdentity => Some("caller-identity"),
            InputKind::DescribeInstances => Some("describe-instances"),
            InputKind::InstanceProfileAssociations => Some("instance-profile-associations"),
            InputKind::GetInstanceProfile => Some("get-instance-profile"),
            InputKind::GetRole => Some("get-role"),
            _ => None,
        };
        if let Some(id) = by_command.or(by_kind) {
            if !pasted.contains(&id) {
                pasted.push(id);
            }
        }
    }
    pasted
}

/// A value in single quotes for the shell (names are validated, this is the second guard).
fn shell_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

/// Script text in the request's language.
fn say(lang: Lang, en: &str, ja: &str) -> String {
    match lang {
        Lang::En => en.to_owned(),
        Lang::Ja => ja.to_owned(),
    }
}

/// A POSIX shell script that runs the steps of `request.place` and prints a transcript: for each
/// step a `$ command` line, then the command's output (errors included), with every secret
/// replaced by [`REDACTED`] before it is printed. Its whole output is one paste for
/// `ec2-iam-doctor diagnose` or the page. Names the request leaves out are found where they can
/// be (the role IMDS lists; the instance's profile and the profile's role with the AWS CLI);
/// a step whose name stays unknown is skipped with a note on standard error.
pub fn shell_script(request: &GatherRequest) -> String {
    match request.place {
        Where::Instance => instance_script(request),
        Where::AwsCli => aws_cli_script(request),
    }
}

fn header(request: &GatherRequest) -> String {
    let lang = request.lang;
    let place = request.place;
    let mut out = String::from("#!/bin/sh\n");
    out.push_str(&say(
        lang,
        &format!(
            "# ec2-iam-doctor gather --on {}: {}.\n\
             # Prints each command as `$ command`, then its output: paste the whole output into\n\
             # ec2-iam-doctor (the page, or `ec2-iam-doctor diagnose FILE`).\n\
             # Secret values are replaced by {REDACTED} before anything is printed.\n",
            place.id(),
            place.title(Lang::En)
        ),
        &format!(
            "# ec2-iam-doctor gather --on {}: {}。\n\
             # 各コマンドを `$ コマンド` の形で表示し、続けてその出力を表示します。出力全体を\n\
             # ec2-iam-doctor (ページ、または `ec2-iam-doctor diagnose FILE`) に貼り付けてください。\n\
             # 秘密の値は表示する前に {REDACTED} に置き換えます。\n",
            place.id(),
            place.title(Lang::Ja)
        ),
    ));
    out.push_str("say() { printf '$ %s\\n' \"$1\"; }\n");
    out.push_str("show() { if [ -n \"$1\" ]; then printf '%s\\n' \"$1\"; fi; }\n");
    out
}

fn skipped_note(lang: Lang, id: &str, name: Name) -> String {
    let variable = name.variable();
    let option = match name {
        Name::Role => "--role",
        Name::Profile => "--profile",
        Name::InstanceId => "--instance-id",
    };
    say(
        lang,
        &format!("skipped {id}: {variable} is not known (give it with ec2-iam-doctor gather {option})"),
        &format!("{id} を省略: {variable} が不明です (ec2-iam-doctor gather {option} で指定してください)"),
    )
}

fn instance_script(request: &GatherRequest) -> String {
    let lang = request.lang;
    let mut out = header(request);
    out.push_str(&format!("IMDS={IMDS}\n"));
    out.push_str(&format!(
        "ROLE={}\n",
        shell_quote(request.role.as_deref().unwrap_or_default())
    ));
    out.push_str("TOKEN=''\n");
    // The sed command as the transcript shows it.
    out.push_str(&format!("REDACT={}\n", shell_quote(REDACT_SED)));
    // Every GET is written as the panel writes it; without a token the header is left out
    // (IMDSv1), which the transcript shows.
    out.push_str(&format!(
        "get() {{\n\
         \x20 if [ -n \"$TOKEN\" ]; then\n\
         \x20   say \"{CURL} -H \\\"X-aws-ec2-metadata-token: \\$TOKEN\\\" $IMDS$1\"\n\
         \x20   body=$({CURL} -H \"X-aws-ec2-metadata-token: $TOKEN\" \"$IMDS$1\" 2>&1)\n\
         \x20 else\n\
         \x20   say \"{CURL} $IMDS$1\"\n\
         \x20   body=$({CURL} \"$IMDS$1\" 2>&1)\n\
         \x20 fi\n\
         }}\n"
    ));
    for spec in STEPS.iter().filter(|spec| spec.where_ == Where::Instance) {
        out.push_str(&format!("\n# {}: {}\n", spec.id, spec.title_in(lang)));
        match spec.action {
            Action::Token => {
                // `-i` shows the status line, so a 403 (IMDS disabled) or 401 reads as such; the
                // token itself, the last line of a 200 answer, is replaced before printing.
                let put = format!("{CURL} -i -X PUT {TOKEN_TTL_HEADER}");
                out.push_str(&format!("say '{put} {IMDS}/latest/api/token'\n"));
                out.push_str(&format!(
                    "response=$({put} \"$IMDS/latest/api/token\" 2>&1 | tr -d '\\r')\n"
                ));
                out.push_str(
                    "status=$(printf '%s\\n' \"$response\" | sed -n '1s/^HTTP\\/[0-9.]* \\([0-9][0-9]*\\).*/\\1/p')\n\
                     if [ \"$status\" = 200 ]; then\n\
                     \x20 TOKEN=$(printf '%s\\n' \"$response\" | sed -n '$p')\n\
                     \x20 printf '%s\\n' \"$response\" | sed '$s/.*/<redacted>/'\n\
                     else\n\
                     \x20 show \"$response\"\n\
                     fi\n",
                );
            }
            Action::ImdsGet {
                path,
                redact: false,
            } => {
                out.push_str(&format!("get {path}\nshow \"$body\"\n"));
                if path == CREDENTIALS_PATH {
                    // The role IMDS lists is the one whose credentials exist: it wins over --role.
                    out.push_str(
                        "listed=$(printf '%s\\n' \"$body\" | sed -n '1p')\n\
                         case $listed in\n\
                         \x20 ''|*[!A-Za-z0-9+=,.@_-]*) ;;\n\
                         \x20 *) ROLE=$listed ;;\n\
                         esac\n",
                    );
                }
            }
            Action::ImdsGet { path, redact: true } => {
                let note = skipped_note(lang, spec.id, Name::Role);
                out.push_str(&format!(
                    "if [ -n \"$ROLE\" ]; then\n\
                     \x20 if [ -n \"$TOKEN\" ]; then\n\
                     \x20   say \"{CURL} -H \\\"X-aws-ec2-metadata-token: \\$TOKEN\\\" $IMDS{path}$ROLE | $REDACT\"\n\
                     \x20   body=$({CURL} -H \"X-aws-ec2-metadata-token: $TOKEN\" \"$IMDS{path}$ROLE\" 2>&1 | {REDACT_SED})\n\
                     \x20 else\n\
                     \x20   say \"{CURL} $IMDS{path}$ROLE | $REDACT\"\n\
                     \x20   body=$({CURL} \"$IMDS{path}$ROLE\" 2>&1 | {REDACT_SED})\n\
                     \x20 fi\n\
                     \x20 show \"$body\"\n\
                     else\n\
                     \x20 echo {} >&2\n\
                     fi\n",
                    shell_quote(&note)
                ));
            }
            Action::Aws { .. } => {}
        }
    }
    out
}

fn aws_cli_script(request: &GatherRequest) -> String {
    let lang = request.lang;
    let mut out = header(request);
    // AWS CLI v2 pages output on a terminal; a script must not stop in `less`.
    out.push_str("export AWS_PAGER=''\n");
    for name in [Name::InstanceId, Name::Profile, Name::Role] {
        out.push_str(&format!(
            "{}={}\n",
            name.variable(),
            shell_quote(name.value(request).unwrap_or_default())
        ));
    }
    out.push_str("run() { say \"$*\"; \"$@\" 2>&1; }\n");
    out.push_str(&say(
        lang,
        "# Names not given are looked up: the instance's profile, the profile's role, the role's profile.\n",
        "# 指定のない名前は調べる: インスタンスのプロファイル、プロファイルのロール、ロールのプロファイル。\n",
    ));
    out.push_str(
        "if [ -z \"$PROFILE\" ] && [ -n \"$INSTANCE_ID\" ]; then\n\
         \x20 arn=$(aws ec2 describe-instances --instance-ids \"$INSTANCE_ID\" --query 'Reservations[0].Instances[0].IamInstanceProfile.Arn' --output text 2>/dev/null)\n\
         \x20 case $arn in arn:*) PROFILE=${arn##*/} ;; esac\n\
         fi\n\
         if [ -z \"$ROLE\" ] && [ -n \"$PROFILE\" ]; then\n\
         \x20 found=$(aws iam get-instance-profile --instance-profile-name \"$PROFILE\" --query 'InstanceProfile.Roles[0].RoleName' --output text 2>/dev/null)\n\
         \x20 case $found in ''|None|*[!A-Za-z0-9+=,.@_-]*) ;; *) ROLE=$found ;; esac\n\
         fi\n\
         if [ -z \"$PROFILE\" ] && [ -n \"$ROLE\" ]; then\n\
         \x20 found=$(aws iam list-instance-profiles-for-role --role-name \"$ROLE\" --query 'InstanceProfiles[0].InstanceProfileName' --output text 2>/dev/null)\n\
         \x20 case $found in ''|None|*[!A-Za-z0-9+=,.@_-]*) ;; *) PROFILE=$found ;; esac\n\
         fi\n",
    );
    for spec in STEPS.iter().filter(|spec| spec.where_ == Where::AwsCli) {
        out.push_str(&format!("\n# {}: {}\n", spec.id, spec.title_in(lang)));
        match spec.needs {
            Some(name) => {
                let variable = name.variable();
                let command = spec.command(&format!("\"${variable}\""));
                let note = skipped_note(lang, spec.id, name);
                out.push_str(&format!(
                    "if [ -n \"${variable}\" ]; then\n\
                     \x20 run {command}\n\
                     else\n\
                     \x20 echo {} >&2\n\
                     fi\n",
                    shell_quote(&note)
                ));
            }
            None => out.push_str(&format!("run {}\n", spec.command(""))),
        }
    }
    out
}

impl StepSpec {
    fn title_in(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.title.en,
            Lang::Ja => self.title.ja,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_symptom_names_steps_that_exist() {
        let all = steps(&GatherRequest::default());
        for symptom in Symptom::ALL {
            assert!(!symptom.step_ids().is_empty());
            for id in symptom.step_ids() {
                assert!(all.iter().any(|step| step.id == *id), "{id}");
            }
            for lang in Lang::ALL {
                assert!(!symptom.title(lang).is_empty());
                assert!(!symptom.what_to_paste(lang).is_empty());
            }
        }
    }

    fn request(
        role: Option<&str>,
        profile: Option<&str>,
        instance_id: Option<&str>,
    ) -> GatherRequest {
        GatherRequest {
            role: role.map(str::to_owned),
            profile: profile.map(str::to_owned),
            instance_id: instance_id.map(str::to_owned),
            ..GatherRequest::default()
        }
    }

    #[test]
    fn steps_fill_known_names_and_mark_the_others() {
        let all = steps(&request(
            Some("web-role"),
            None,
            Some("i-0123456789abcdef0"),
        ));
        let by_id = |id: &str| all.iter().find(|s| s.id == id).cloned();
        let get_role = by_id("get-role").map(|s| (s.command, s.placeholders));
        assert_eq!(
            get_role,
            Some((
                "aws iam get-role --role-name web-role --output json".to_owned(),
                vec![]
            ))
        );
        let profile = by_id("get-instance-profile").map(|s| (s.command, s.placeholders));
        assert_eq!(
            profile,
            Some((
                "aws iam get-instance-profile --instance-profile-name '<instance-profile-name>' --output json"
                    .to_owned(),
                vec!["<instance-profile-name>"]
            ))
        );
        let associations = by_id("instance-profile-associations").map(|s| s.command);
        assert_eq!(
            associations.as_deref(),
            Some("aws ec2 describe-iam-instance-profile-associations --filters Name=instance-id,Values=i-0123456789abcdef0 --output json")
        );
        // Instance steps come first, and every step has a title in both languages.
        let first_cli = all.iter().position(|s| s.where_ == Where::AwsCli);
        let last_instance = all.iter().rposition(|s| s.where_ == Where::Instance);
        assert!(last_instance < first_cli);
        for step in &all {
            assert!(!step.title(Lang::En).is_empty() && !step.title(Lang::Ja).is_empty());
            assert_ne!(step.title(Lang::En), step.title(Lang::Ja));
        }
    }

    #[test]
    fn instance_steps_use_the_token_and_redact_credentials() {
        let all = steps(&request(Some("web-role"), None, None));
        let credentials = all.iter().find(|s| s.id == "imds-credentials");
        let command = credentials.map(|s| s.command.as_str()).unwrap_or_default();
        assert!(command.starts_with(
            "curl -sS --max-time 2 -H \"X-aws-ec2-metadata-token: $TOKEN\" http://169.254.169.254/latest/meta-data/iam/security-credentials/web-role | sed "
        ));
        for key in ["SecretAccessKey", "Token", "AccessKeyId"] {
            assert!(command.contains(&format!("s/\"{key}\"")), "{key}");
        }
        let token = all
            .iter()
            .find(|s| s.id == "imds-token")
            .map(|s| s.command.as_str());
        assert_eq!(
            token,
            Some("TOKEN=$(curl -sS --max-time 2 -X PUT -H \"X-aws-ec2-metadata-token-ttl-seconds: 21600\" http://169.254.169.254/latest/api/token); export TOKEN")
        );
        let unknown_role = steps(&GatherRequest::default());
        let placeholders = unknown_role
            .iter()
            .find(|s| s.id == "imds-credentials")
            .map(|s| s.placeholders.clone());
        assert_eq!(placeholders, Some(vec!["<role-name>"]));
    }

    #[test]
    fn names_that_are_shell_syntax_are_rejected() {
        assert!(request(
            Some("web-role"),
            Some("a+b=c,d.e@f_g-h"),
            Some("i-0123abcd")
        )
        .validate()
        .is_ok());
        let bad = request(Some("web'; rm -rf /"), None, None).validate();
        assert_eq!(bad.as_ref().map_err(|e| e.field), Err("role"));
        let message = bad.err().map(|e| e.message(Lang::Ja)).unwrap_or_default();
        assert!(message.contains("ロール名"));
        assert!(request(None, Some("$(id)"), None).validate().is_err());
        assert!(request(None, None, Some("i-xyz")).validate().is_err());
        assert!(request(None, None, Some("i-0123456789abcdef"))
            .validate()
            .is_err());
        assert!(request(Some(&"r".repeat(65)), None, None)
            .validate()
            .is_err());
        assert!(request(None, Some(&"p".repeat(128)), None)
            .validate()
            .is_ok());
    }

    #[test]
    fn pasted_outputs_tick_their_steps() {
        let case = crate::rules::Case::read(&[
            "$ aws iam get-instance-profile --instance-profile-name web\n\nAn error occurred (NoSuchEntity) when calling the GetInstanceProfile operation: Instance Profile web cannot be found.\n",
            "{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : \"2026-11-29T17:51:35Z\",\n  \"InstanceProfileArn\" : \"arn:aws:iam::123456789012:instance-profile/web\",\n  \"InstanceProfileId\" : \"AIPAJEXAMPLEID1234567\"\n}\n",
        ]);
        assert_eq!(
            pasted_steps(&case),
            ["get-instance-profile", "imds-iam-info"]
        );
        assert_eq!(request_for(&case, Lang::En).profile.as_deref(), Some("web"));
    }

    #[test]
    fn quoting_keeps_a_value_one_word() {
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }

    #[test]
    fn scripts_carry_every_step_of_their_place() {
        for place in Where::ALL {
            for lang in Lang::ALL {
                let script = shell_script(&GatherRequest {
                    place,
                    lang,
                    ..request(Some("web-role"), Some("web-profile"), Some("i-0123abcd"))
                });
                assert!(script.starts_with("#!/bin/sh\n"));
                for spec in STEPS {
                    assert_eq!(
                        script.contains(&format!("# {}: {}", spec.id, spec.title_in(lang))),
                        spec.where_ == place,
                        "{} in the {} script",
                        spec.id,
                        place.id()
                    );
                }
            }
        }
        let cli = shell_script(&GatherRequest {
            place: Where::AwsCli,
            ..request(Some("web-role"), None, None)
        });
        assert!(cli.contains("ROLE='web-role'\n"));
        assert!(cli.contains("run aws iam get-role --role-name \"$ROLE\" --output json\n"));
        assert!(cli.contains("export AWS_PAGER=''"));
    }
}
