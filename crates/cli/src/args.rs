//! The command line: commands, options and their help, in English and Japanese.
//!
//! Help is written in the language `--lang` (or the locale) asks for, so the language is looked
//! for before clap parses anything ([`language`]).

use std::ffi::OsString;

use clap::{Arg, ArgAction, Command};
use engine::lang::Lang;

/// The text in `lang`.
pub fn t(lang: Lang, en: &'static str, ja: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

/// The language of every message: `--lang` wherever it is written, else the environment's
/// locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first that names English or Japanese, as
/// `policy` reads it too), else English. Looked for before clap parses anything, so that help
/// and clap's own errors come in that language.
pub fn language(argv: &[OsString]) -> Lang {
    lang_in(argv)
        .or_else(|| {
            ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|name| std::env::var(name).ok())
                .find_map(|tag| Lang::from_tag(&tag))
        })
        .unwrap_or_default()
}

/// The language `--lang` names in the arguments (the last one wins, as clap reads it).
fn lang_in(argv: &[OsString]) -> Option<Lang> {
    let mut words = argv.iter().filter_map(|a| a.to_str());
    let mut found = None;
    while let Some(word) = words.next() {
        let value = if word == "--lang" {
            words.next()
        } else {
            word.strip_prefix("--lang=")
        };
        if let Some(lang) = value.and_then(Lang::from_tag) {
            found = Some(lang);
        }
    }
    found
}

const ABOUT_EN: &str =
    "Diagnose why an EC2 instance cannot get its IAM role's credentials, or why launching it with a role fails";
const ABOUT_JA: &str =
    "EC2 インスタンスが IAM ロールの認証情報を取得できない理由や、ロール付きの起動が失敗する理由を診断します";

const EXAMPLES_EN: &str = "\
Examples:
  ec2-iam-doctor diagnose iam-info.json get-instance-profile.json
  aws iam get-instance-profile --instance-profile-name web | ec2-iam-doctor diagnose --format json -
  ec2-iam-doctor check --save case-instance.txt       # on the instance itself
  ec2-iam-doctor rules
  ec2-iam-doctor explain instance-profile-empty --lang ja
  ec2-iam-doctor gather --role web-role > gather.sh
  ec2-iam-doctor policy check --policy policy.json --action iam:PassRole --resource arn:aws:iam::123456789012:role/web-role

Exit status: 0 no finding of severity error, 1 at least one, 2 bad usage or unreadable input.";

const EXAMPLES_JA: &str = "\
例:
  ec2-iam-doctor diagnose iam-info.json get-instance-profile.json
  aws iam get-instance-profile --instance-profile-name web | ec2-iam-doctor diagnose --format json -
  ec2-iam-doctor check --save case-instance.txt       # インスタンス上で
  ec2-iam-doctor rules
  ec2-iam-doctor explain instance-profile-empty --lang ja
  ec2-iam-doctor gather --role web-role > gather.sh
  ec2-iam-doctor policy check --policy policy.json --action iam:PassRole --resource arn:aws:iam::123456789012:role/web-role

終了ステータス: 0 重大度 error の検出結果なし、1 一件以上あり、2 使い方の誤りまたは読めない入力。";

/// clap's help layout with headings in `lang` (clap writes its own headings in English only).
fn localise(command: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return command;
    }
    let mut template = String::from("{about-with-newline}\n使い方: {usage}\n");
    if command.get_subcommands().next().is_some() {
        template.push_str("\nコマンド:\n{subcommands}\n");
    }
    if command.get_positionals().next().is_some() {
        template.push_str("\n引数:\n{positionals}\n");
    }
    template.push_str("\nオプション:\n{options}{after-help}");
    command.help_template(template)
}

/// The whole command line, with help in `lang`.
pub fn command(lang: Lang) -> Command {
    let command = Command::new("ec2-iam-doctor")
        .version(env!("CARGO_PKG_VERSION"))
        .about(t(lang, ABOUT_EN, ABOUT_JA))
        .after_help(t(lang, EXAMPLES_EN, EXAMPLES_JA))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .disable_help_subcommand(true)
        .help_expected(true)
        .arg(
            Arg::new("lang")
                .long("lang")
                .global(true)
                .value_name("en|ja")
                .value_parser(["en", "ja"])
                .hide_possible_values(true)
                .help(t(
                    lang,
                    "The language of every message: en or ja (default: the locale's, LC_ALL or LANG, else en)",
                    "すべてのメッセージの言語: en または ja (既定: ロケール LC_ALL、LANG の言語、なければ en)",
                )),
        )
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(help_flag(lang))
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t(lang, "Print the version", "バージョンを表示する")),
        )
        .subcommand(diagnose(lang))
        .subcommand(check(lang))
        .subcommand(rules(lang))
        .subcommand(explain(lang))
        .subcommand(gather(lang))
        .subcommand(link(lang))
        .subcommand(open(lang))
        .subcommand(policy(lang));
    localise(command, lang)
}

/// `-h`/`--help`, with its own help in `lang` (clap's built-in one is English only).
fn help_flag(lang: Lang) -> Arg {
    Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help(t(lang, "Print help", "ヘルプを表示する"))
}

fn help_arg(command: Command, lang: Lang) -> Command {
    localise(command.disable_help_flag(true).arg(help_flag(lang)), lang)
}

/// `--format text|json|markdown` (default text), as `diagnose`, `rules` and `open` take it.
fn report_format(help: &'static str) -> Arg {
    Arg::new("format")
        .long("format")
        .value_name("FORMAT")
        .value_parser(["text", "json", "markdown"])
        .default_value("text")
        .hide_default_value(true)
        .hide_possible_values(true)
        .help(help)
}

/// The pasted files, one paste each (`-` for standard input), as `diagnose` and `link` take them.
fn paste_files(lang: Lang) -> Arg {
    Arg::new("files")
        .value_name("FILE|-")
        .num_args(0..)
        .action(ArgAction::Append)
        .help(t(
            lang,
            "A file holding one paste; `-` reads standard input",
            "一つの貼り付けを入れたファイル。`-` は標準入力を読む",
        ))
}

fn diagnose(lang: Lang) -> Command {
    let command = Command::new("diagnose")
        .about(t(
            lang,
            "Read pasted outputs and transcripts, and print the findings",
            "貼り付けた出力やターミナルの記録を読み、検出結果を表示する",
        ))
        .long_about(t(
            lang,
            "Reads each FILE (or standard input for `-`, or when no FILE is given and the input is \
             a pipe) as one paste: IMDS documents, AWS CLI outputs, policies, error messages or \
             whole terminal transcripts. Prints which case of the guide holds, with the evidence \
             and the command that fixes it. Secret values are masked in every format.",
            "各 FILE (`-` または FILE なしでパイプから入力された場合は標準入力) を一つの貼り付けとして\
             読みます: IMDS の文書、AWS CLI の出力、ポリシー、エラーメッセージ、ターミナルの記録全体。\
             ガイドのどの事例に当たるかを、根拠と修正コマンドとともに表示します。秘密の値はどの形式でも\
             マスクされます。",
        ))
        .after_help(t(
            lang,
            "Examples:\n  ec2-iam-doctor diagnose iam-info.json get-instance-profile.json\n  sh gather.sh | ec2-iam-doctor diagnose --format json -\n\nExit status: 0 no finding of severity error, 1 at least one, 2 bad usage or unreadable input.",
            "例:\n  ec2-iam-doctor diagnose iam-info.json get-instance-profile.json\n  sh gather.sh | ec2-iam-doctor diagnose --format json -\n\n終了ステータス: 0 重大度 error の検出結果なし、1 一件以上あり、2 使い方の誤りまたは読めない入力。",
        ))
        .arg(report_format(t(
            lang,
            "text (default) for people: colour on a terminal unless NO_COLOR is set; json for scripts; markdown for a ticket",
            "text (既定) は人向け: 端末では色付き、NO_COLOR 設定時は色なし。json はスクリプト向け、markdown はチケット向け",
        )))
        .arg(
            Arg::new("captured-at")
                .long("captured-at")
                .value_name("TIME")
                .help(t(
                    lang,
                    "When the outputs were captured (RFC 3339, 2026-11-29T18:00:00Z): lets expired credentials be told",
                    "出力を取得した時刻 (RFC 3339、2026-11-29T18:00:00Z): 認証情報の期限切れを判定できる",
                )),
        )
        .arg(
            paste_files(lang),
        );
    help_arg(command, lang)
}

fn check(lang: Lang) -> Command {
    let command = Command::new("check")
        .about(t(
            lang,
            "On the instance: ask IMDS and read the client's setup as the SDKs do, and print the findings",
            "インスタンス上で: SDK と同じように IMDS に問い合わせ、クライアントの設定を読み、検出結果を表示する",
        ))
        .long_about(t(
            lang,
            "Run on the EC2 instance itself; needs no AWS credentials and writes nothing to the \
             instance. Asks IMDS as the SDKs do (the IMDSv2 token, the IMDSv1 fallback, iam/info, \
             the role's credentials), reads the clock, the environment variables the SDKs read, \
             proxies and the AWS config and credentials files (never their secret values), and \
             diagnoses it all as one terminal transcript, printed as `diagnose` prints it.",
            "EC2 インスタンス上で実行します。AWS の認証情報は不要で、インスタンスには何も書き込みません。\
             SDK と同じように IMDS に問い合わせ (IMDSv2 トークン、IMDSv1 へのフォールバック、iam/info、\
             ロールの認証情報)、時計、SDK が読む環境変数、プロキシ、AWS の設定・認証情報ファイル (秘密の値は\
             読み取らない) を読み、すべてを一つのターミナルの記録として診断し、`diagnose` と同じ形で表示します。",
        ))
        .after_help(t(
            lang,
            "Examples:\n  ec2-iam-doctor check\n  ec2-iam-doctor check --save case-instance.txt --format markdown > diagnosis.md\n  ec2-iam-doctor check --format json --imds-endpoint http://[fd00:ec2::254]\n\nExit status: 0 no finding of severity error, 1 at least one, 2 bad usage.",
            "例:\n  ec2-iam-doctor check\n  ec2-iam-doctor check --save case-instance.txt --format markdown > diagnosis.md\n  ec2-iam-doctor check --format json --imds-endpoint http://[fd00:ec2::254]\n\n終了ステータス: 0 重大度 error の検出結果なし、1 一件以上あり、2 使い方の誤り。",
        ))
        .arg(report_format(t(
            lang,
            "text (default), json or markdown, as for diagnose",
            "text (既定)、json、markdown (diagnose と同じ)",
        )))
        .arg(
            Arg::new("save")
                .long("save")
                .value_name("FILE")
                .help(t(
                    lang,
                    "Also write the transcript (secret values removed) to FILE, to paste into the page or attach to a ticket",
                    "記録 (秘密の値は除去) を FILE にも書き出す。ページへの貼り付けやチケットへの添付用",
                )),
        )
        .arg(
            Arg::new("imds-endpoint")
                .long("imds-endpoint")
                .value_name("URL")
                .help(t(
                    lang,
                    "Where IMDS is (default as the SDKs: AWS_EC2_METADATA_SERVICE_ENDPOINT, else http://169.254.169.254)",
                    "IMDS の場所 (既定は SDK と同じ: AWS_EC2_METADATA_SERVICE_ENDPOINT、なければ http://169.254.169.254)",
                )),
        )
        .arg(
            Arg::new("timeout")
                .long("timeout")
                .value_name("SECONDS")
                .help(t(
                    lang,
                    "How long each IMDS request may take (default 1, botocore's AWS_METADATA_SERVICE_TIMEOUT)",
                    "IMDS への各リクエストの制限時間 (既定 1 秒、botocore の AWS_METADATA_SERVICE_TIMEOUT と同じ)",
                )),
        );
    help_arg(command, lang)
}

fn rules(lang: Lang) -> Command {
    let command = Command::new("rules")
        .about(t(
            lang,
            "List every check: its id, severity, guide sections and what it checks",
            "すべてのチェックを一覧する: ID、重大度、ガイドの節、確認する内容",
        ))
        .after_help(t(
            lang,
            "Examples:\n  ec2-iam-doctor rules\n  ec2-iam-doctor rules --format json --lang ja",
            "例:\n  ec2-iam-doctor rules\n  ec2-iam-doctor rules --format json --lang ja",
        ))
        .arg(report_format(t(
            lang,
            "text (default: a table), json or markdown",
            "text (既定: 表)、json、markdown",
        )));
    help_arg(command, lang)
}

fn explain(lang: Lang) -> Command {
    let command = Command::new("explain")
        .about(t(
            lang,
            "Print a check's explanation (the text the page shows)",
            "チェックの説明を表示する (ページに表示されるものと同じ文章)",
        ))
        .after_help(t(
            lang,
            "Examples:\n  ec2-iam-doctor explain instance-profile-empty\n  ec2-iam-doctor explain trust-policy-blocks-ec2 --lang ja",
            "例:\n  ec2-iam-doctor explain instance-profile-empty\n  ec2-iam-doctor explain trust-policy-blocks-ec2 --lang ja",
        ))
        .arg(
            Arg::new("id")
                .value_name("ID")
                .required(true)
                .help(t(
                    lang,
                    "A finding id, as `ec2-iam-doctor rules` lists them",
                    "検出結果の ID (`ec2-iam-doctor rules` の一覧にあるもの)",
                )),
        );
    help_arg(command, lang)
}

fn gather(lang: Lang) -> Command {
    let command = Command::new("gather")
        .about(t(
            lang,
            "Print the commands that collect the evidence, as a script whose output `diagnose` reads",
            "根拠を集めるコマンドを、出力を `diagnose` で読めるスクリプトとして表示する",
        ))
        .long_about(t(
            lang,
            "Prints a POSIX shell script for one place (--on): on the instance it needs only curl \
             (IMDSv2 token first, IMDSv1 when no token can be had); with the AWS CLI it reads the \
             instance, its profile and the role, looking up the names not given. The script prints \
             each command as `$ command` and then its output, with secret values replaced before \
             they are printed: save its output and give it to `ec2-iam-doctor diagnose`. \
             `--format list` prints the steps of both places instead, as the page's Gather panel does.",
            "一つの場所 (--on) 向けの POSIX シェルスクリプトを表示します。インスタンス上では curl だけを\
             使い (まず IMDSv2 のトークン、取れなければ IMDSv1)、AWS CLI ではインスタンス、その\
             プロファイル、ロールを読み、指定のない名前は調べます。スクリプトは各コマンドを `$ コマンド` \
             として表示し、続けて出力を表示します。秘密の値は表示前に置き換えます。出力を保存して \
             `ec2-iam-doctor diagnose` に渡してください。`--format list` は、ページの収集パネルと同じく\
             両方の場所の手順を一覧します。",
        ))
        .after_help(t(
            lang,
            "Examples:\n  ec2-iam-doctor gather --role web-role > gather.sh        # copy to the instance, then: sh gather.sh > case.txt\n  ec2-iam-doctor gather --on aws-cli --instance-id i-0123456789abcdef0 | sh > cli.txt\n  ec2-iam-doctor diagnose case.txt cli.txt\n  ec2-iam-doctor gather --format list --profile web-profile",
            "例:\n  ec2-iam-doctor gather --role web-role > gather.sh        # インスタンスにコピーして: sh gather.sh > case.txt\n  ec2-iam-doctor gather --on aws-cli --instance-id i-0123456789abcdef0 | sh > cli.txt\n  ec2-iam-doctor diagnose case.txt cli.txt\n  ec2-iam-doctor gather --format list --profile web-profile",
        ))
        .arg(
            Arg::new("on")
                .long("on")
                .value_name("PLACE")
                .value_parser(["instance", "aws-cli"])
                .default_value("instance")
                .hide_default_value(true)
                .hide_possible_values(true)
                .help(t(
                    lang,
                    "Where the script runs: instance (default: curl on the instance) or aws-cli",
                    "スクリプトを実行する場所: instance (既定: インスタンス上の curl) または aws-cli",
                )),
        )
        .arg(
            Arg::new("format")
                .long("format")
                .value_name("FORMAT")
                .value_parser(["script", "list", "json"])
                .default_value("script")
                .hide_default_value(true)
                .hide_possible_values(true)
                .help(t(
                    lang,
                    "script (default: for the --on place), list (every step, for people) or json (every step)",
                    "script (既定: --on の場所向け)、list (全手順、人向け)、json (全手順)",
                )),
        )
        .arg(Arg::new("role").long("role").value_name("NAME").help(t(
            lang,
            "The role's name",
            "ロール名",
        )))
        .arg(Arg::new("profile").long("profile").value_name("NAME").help(t(
            lang,
            "The instance profile's name (not an AWS CLI profile: set AWS_PROFILE for that)",
            "インスタンスプロファイル名 (AWS CLI のプロファイルではない: それには AWS_PROFILE を設定する)",
        )))
        .arg(
            Arg::new("instance-id")
                .long("instance-id")
                .value_name("ID")
                .help(t(lang, "The instance id (i-…)", "インスタンス ID (i-…)")),
        );
    help_arg(command, lang)
}

fn link(lang: Lang) -> Command {
    let command = Command::new("link")
        .about(t(
            lang,
            "Print the share link the page would make of these pastes (credentials removed)",
            "これらの貼り付けからページが作る共有リンクを表示する (認証情報は除去)",
        ))
        .long_about(t(
            lang,
            "Reads each FILE (`-` for standard input) as one paste and prints the link the page's \
             Share button would make: the case lives in the fragment (`#v1/…`), which no server \
             ever receives. Credentials are removed from the pastes, not masked, and so are encoded \
             authorization messages unless --keep-authorization-messages is given.",
            "各 FILE (`-` は標準入力) を一つの貼り付けとして読み、ページの共有ボタンと同じリンクを表示します。\
             事例はフラグメント (`#v1/…`) に入り、どのサーバーにも送られません。認証情報はマスクではなく\
             除去され、エンコードされた認可メッセージも --keep-authorization-messages を指定しない限り\
             除去されます。",
        ))
        .after_help(t(
            lang,
            "Examples:\n  ec2-iam-doctor link --base-url https://docs.example.internal/tools/ec2-iam-doctor/ iam-info.json get-instance-profile.json\n  ec2-iam-doctor link --minimal --anonymise case.txt\n\nExit status: 0 printed, 2 bad usage, unreadable input or a case too large for a link.",
            "例:\n  ec2-iam-doctor link --base-url https://docs.example.internal/tools/ec2-iam-doctor/ iam-info.json get-instance-profile.json\n  ec2-iam-doctor link --minimal --anonymise case.txt\n\n終了ステータス: 0 表示した、2 使い方の誤り、読めない入力、またはリンクには大きすぎる事例。",
        ))
        .arg(
            Arg::new("base-url")
                .long("base-url")
                .value_name("URL")
                .help(t(
                    lang,
                    "The page's address to put before the fragment (default: print only `#v1/…`)",
                    "フラグメントの前に付けるページのアドレス (既定: `#v1/…` だけを表示)",
                )),
        )
        .arg(
            Arg::new("minimal")
                .long("minimal")
                .action(ArgAction::SetTrue)
                .help(t(
                    lang,
                    "Keep only what the diagnosis used (short links for large dumps)",
                    "診断が使った部分だけを残す (大きな出力でも短いリンク)",
                )),
        )
        .arg(
            Arg::new("anonymise")
                .long("anonymise")
                .action(ArgAction::SetTrue)
                .help(t(
                    lang,
                    "Replace account ids, instance ids and names consistently with stand-ins",
                    "アカウント ID、インスタンス ID、名前を一貫した代わりの値に置き換える",
                )),
        )
        .arg(
            Arg::new("keep-authorization-messages")
                .long("keep-authorization-messages")
                .action(ArgAction::SetTrue)
                .help(t(
                    lang,
                    "Keep encoded authorization messages (they reveal which policies denied what)",
                    "エンコードされた認可メッセージを残す (どのポリシーが何を拒否したかが分かる)",
                )),
        )
        .arg(
            paste_files(lang).num_args(1..).required(true),
        );
    help_arg(command, lang)
}

fn open(lang: Lang) -> Command {
    let command = Command::new("open")
        .about(t(
            lang,
            "Diagnose the case a share link carries",
            "共有リンクに入っている事例を診断する",
        ))
        .after_help(t(
            lang,
            "Examples:\n  ec2-iam-doctor open 'https://docs.example.internal/tools/ec2-iam-doctor/#v1/…'\n  ec2-iam-doctor open --format json '#v1/…'\n  ec2-iam-doctor open --inputs '#v1/…'\n\nExit status: 0 no finding of severity error, 1 at least one, 2 bad usage or a link that cannot be read.",
            "例:\n  ec2-iam-doctor open 'https://docs.example.internal/tools/ec2-iam-doctor/#v1/…'\n  ec2-iam-doctor open --format json '#v1/…'\n  ec2-iam-doctor open --inputs '#v1/…'\n\n終了ステータス: 0 重大度 error の検出結果なし、1 一件以上あり、2 使い方の誤りまたは読めないリンク。",
        ))
        .arg(report_format(t(
            lang,
            "text (default), json or markdown, as for diagnose",
            "text (既定)、json、markdown (diagnose と同じ)",
        )))
        .arg(
            Arg::new("inputs")
                .long("inputs")
                .action(ArgAction::SetTrue)
                .help(t(
                    lang,
                    "Print exactly the texts the link carries (as the Share dialog previews them) instead of diagnosing them",
                    "診断せず、リンクに入っているテキストをそのまま表示する (共有ダイアログのプレビューと同じ)",
                )),
        )
        .arg(
            Arg::new("link")
                .value_name("LINK")
                .required(true)
                .help(t(
                    lang,
                    "A link, its fragment `#v1/…`, or a bare `v1/…`",
                    "リンク、そのフラグメント `#v1/…`、または `v1/…` だけ",
                )),
        );
    help_arg(command, lang)
}

fn policy(lang: Lang) -> Command {
    let command = Command::new("policy")
        .about(t(
            lang,
            "Evaluate an IAM policy for one request (`ec2-iam-doctor policy --help`)",
            "一つのリクエストに対して IAM ポリシーを評価する (`ec2-iam-doctor policy --help`)",
        ))
        .disable_help_flag(true)
        .arg(
            Arg::new("args")
                .num_args(0..)
                .trailing_var_arg(true)
                .allow_hyphen_values(true)
                .help(t(
                    lang,
                    "check --policy FILE --action ACTION --resource ARN …",
                    "check --policy FILE --action ACTION --resource ARN …",
                )),
        );
    localise(command, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_command_line_is_consistent_in_both_languages() {
        for lang in Lang::ALL {
            command(lang).debug_assert();
        }
    }

    #[test]
    fn lang_is_found_before_parsing() {
        assert_eq!(
            lang_in(&argv(&["x", "rules", "--lang", "ja"])),
            Some(Lang::Ja)
        );
        assert_eq!(lang_in(&argv(&["x", "--lang=ja", "rules"])), Some(Lang::Ja));
        assert_eq!(
            lang_in(&argv(&["x", "--lang=ja", "rules", "--lang", "en"])),
            Some(Lang::En)
        );
        assert_eq!(lang_in(&argv(&["x", "rules", "--lang", "fr"])), None);
        assert_eq!(lang_in(&argv(&["x", "rules"])), None);
    }
}
