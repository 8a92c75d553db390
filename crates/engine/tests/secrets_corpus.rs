//! The labelled corpus of secret-bearing pastes and clean look-alikes, scored the way the issue
//! "Secrets never leave" asks: every secret value must be detected and reported, none may reach a
//! share link (in any form), an export or the unmasked text, no clean text may be flagged beyond
//! one in forty, and no paste may reach a link empty.
//!
//! Every value is random, drawn from a seeded generator here: none is, or was, a credential. The
//! shapes are those of real values (the session tokens STS and IMDS issue start with the bytes
//! they really start with; lengths and alphabets are those of the real thing).

use engine::input::{self, SecretKind};
use engine::lang::Lang;
use engine::report;
use engine::rules::{self, Case};
use engine::share::{self, Form, ShareOptions};
use engine::text::Span;

/// splitmix64: small, seeded, the same corpus on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn of(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| char::from(alphabet[self.below(alphabet.len())]))
            .collect()
    }

    fn akid(&mut self, prefix: &str) -> String {
        format!(
            "{prefix}{}",
            self.of(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
        )
    }

    fn secret_key(&mut self) -> String {
        self.of(BASE64, 40)
    }

    /// A session token as STS and IMDS issue them: the protobuf header's base64, then random.
    fn session_token(&mut self) -> String {
        let len = 600 + self.below(500);
        match self.below(4) {
            0 => format!("FwoGZXIvYXdzE{}", self.of(BASE64, len / 2)),
            _ => format!(
                "IQoJb3JpZ2luX2VjE{}//////////wEaCXVzLWVhc3QtMSJH{}",
                self.of(BASE64, 8),
                self.of(BASE64, len)
            ),
        }
    }

    fn imds_token(&mut self) -> String {
        format!("AQAEA{}==", self.of(BASE64URL, 49))
    }

    fn signature(&mut self) -> String {
        self.of(b"0123456789abcdef", 64)
    }

    fn jwt(&mut self) -> String {
        format!(
            "eyJhbGciOiJSUzI1NiIsImtpZCI6I{}.eyJhdWQiOlsic3RzLmFtYXpvbmF3cy5jb20iXSwiZXhwIjox{}.{}",
            self.of(BASE64URL, 24),
            self.of(BASE64URL, 300),
            self.of(BASE64URL, 342)
        )
    }

    fn sso_token(&mut self, prefix: &str) -> String {
        format!(
            "{prefix}AAAAAG{}:MGUCMQ{}",
            self.of(BASE64, 180),
            self.of(BASE64, 90)
        )
    }

    fn opaque(&mut self, len: usize) -> String {
        self.of(ALNUM, len)
    }
}

const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// One labelled paste: its text, the secret values it holds, and identifiers that must not
/// reach a link either (access key ids).
struct Labelled {
    form: &'static str,
    text: String,
    secrets: Vec<String>,
    ids: Vec<String>,
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// One paste of each form, with fresh values.
fn forms(r: &mut Random) -> Vec<Labelled> {
    let mut out = Vec::new();
    let mut add = |form: &'static str, text: String, secrets: Vec<String>, ids: Vec<String>| {
        out.push(Labelled {
            form,
            text,
            secrets,
            ids,
        });
    };
    let (a, s, t) = (r.akid("ASIA"), r.secret_key(), r.session_token());
    add("imds-credentials-json", format!("{{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : \"2026-12-03T11:42:05Z\",\n  \"Type\" : \"AWS-HMAC\",\n  \"AccessKeyId\" : \"{a}\",\n  \"SecretAccessKey\" : \"{s}\",\n  \"Token\" : \"{t}\",\n  \"Expiration\" : \"2026-12-03T18:07:31Z\"\n}}"), vec![s, t], vec![a]);
    let (a, s, t) = (r.akid("ASIA"), r.secret_key(), r.session_token());
    add("imds-credentials-curl", format!("[ec2-user@ip-10-0-1-12 ~]$ curl -s -H \"X-aws-ec2-metadata-token: $TOKEN\" http://169.254.169.254/latest/meta-data/iam/security-credentials/app-role\n{{\"Code\":\"Success\",\"LastUpdated\":\"2026-12-03T11:42:05Z\",\"Type\":\"AWS-HMAC\",\"AccessKeyId\":\"{a}\",\"SecretAccessKey\":\"{s}\",\"Token\":\"{t}\",\"Expiration\":\"2026-12-03T18:07:31Z\"}}[ec2-user@ip-10-0-1-12 ~]$\n"), vec![s, t], vec![a]);
    let (a, s, t) = (r.akid("ASIA"), r.secret_key(), r.session_token());
    add("assume-role-json", format!("$ aws sts assume-role --role-arn arn:aws:iam::123456789012:role/deploy --role-session-name ci\n{{\n    \"Credentials\": {{\n        \"AccessKeyId\": \"{a}\",\n        \"SecretAccessKey\": \"{s}\",\n        \"SessionToken\": \"{t}\",\n        \"Expiration\": \"2026-12-03T13:07:31+00:00\"\n    }},\n    \"AssumedRoleUser\": {{\n        \"AssumedRoleId\": \"AROA3XFRBF535PLBIFPI4:ci\",\n        \"Arn\": \"arn:aws:sts::123456789012:assumed-role/deploy/ci\"\n    }}\n}}\n"), vec![s, t], vec![a]);
    let (a, s, t) = (r.akid("ASIA"), r.secret_key(), r.session_token());
    add("assume-role-text", format!("$ aws sts assume-role --role-arn arn:aws:iam::123456789012:role/deploy --role-session-name ci --output text\nASSUMEDROLEUSER\tarn:aws:sts::123456789012:assumed-role/deploy/ci\tAROA3XFRBF535PLBIFPI4:ci\nCREDENTIALS\t{a}\t2026-12-03T13:07:31+00:00\t{s}\t{t}\n"), vec![s, t], vec![a]);
    let (a, s, t) = (r.akid("ASIA"), r.secret_key(), r.session_token());
    add("assume-role-query-text", format!("$ aws sts assume-role --role-arn arn:aws:iam::123456789012:role/deploy --role-session-name ci --query Credentials --output text\n{a}\t2026-12-03T13:07:31+00:00\t{s}\t{t}\n"), vec![s, t], vec![a]);
    let (a, s, t) = (r.akid("ASIA"), r.secret_key(), r.session_token());
    add("assume-role-table", format!("-----------------------------------------------------------------\n|                          AssumeRole                           |\n+---------------------------------------------------------------+\n||                         Credentials                         ||\n|+------------------+------------------------------------------+|\n||  AccessKeyId     |  {a}                     ||\n||  Expiration      |  2026-12-03T13:07:31+00:00               ||\n||  SecretAccessKey |  {s} ||\n||  SessionToken    |  {t} ||\n|+------------------+------------------------------------------+|\n"), vec![s, t], vec![a]);
    let (a, s, t) = (r.akid("ASIA"), r.secret_key(), r.session_token());
    add("assume-role-yaml", format!("$ aws sts assume-role --role-arn arn:aws:iam::123456789012:role/deploy --role-session-name ci --output yaml\nAssumedRoleUser:\n  Arn: arn:aws:sts::123456789012:assumed-role/deploy/ci\n  AssumedRoleId: AROA3XFRBF535PLBIFPI4:ci\nCredentials:\n  AccessKeyId: {a}\n  Expiration: '2026-12-03T13:07:31+00:00'\n  SecretAccessKey: {s}\n  SessionToken: {t}\n"), vec![s, t], vec![a]);
    let s = r.secret_key();
    add("configure-get", format!("$ aws configure get aws_secret_access_key\n{s}\n$ aws sts get-caller-identity\nAn error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.\n"), vec![s], vec![]);
    let s = r.secret_key();
    add(
        "echo-secret",
        format!("[root@ip-172-31-5-9 ~]# echo $AWS_SECRET_ACCESS_KEY\n{s}\n"),
        vec![s],
        vec![],
    );
    let t = r.session_token();
    add(
        "echo-token",
        format!("$ echo \"$AWS_SESSION_TOKEN\"\n{t}\n"),
        vec![t],
        vec![],
    );
    let (a, s, t) = (r.akid("ASIA"), r.secret_key(), r.session_token());
    add("env-grep", format!("$ env | grep AWS\nAWS_REGION=eu-west-1\nAWS_ACCESS_KEY_ID={a}\nAWS_SECRET_ACCESS_KEY={s}\nAWS_SESSION_TOKEN={t}\nAWS_DEFAULT_REGION=eu-west-1\n"), vec![s, t], vec![a]);
    let (a, s) = (r.akid("AKIA"), r.secret_key());
    add("export-lines", format!("export AWS_ACCESS_KEY_ID=\"{a}\"\nexport AWS_SECRET_ACCESS_KEY=\"{s}\"\naws ec2 run-instances --image-id ami-0abcdef1234567890 --iam-instance-profile Name=web\n"), vec![s], vec![a]);
    let (a, s, t) = (r.akid("ASIA"), r.secret_key(), r.session_token());
    add("credentials-file", format!("$ cat ~/.aws/credentials\n[default]\naws_access_key_id = {a}\naws_secret_access_key = {s}\naws_session_token = {t}\n\n[prod]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = default\n"), vec![s, t], vec![a]);
    let (a, s) = (r.akid("AKIA"), r.secret_key());
    add("k8s-env", format!("    spec:\n      containers:\n      - name: app\n        image: public.ecr.aws/docker/library/python:3.12\n        env:\n        - name: AWS_ACCESS_KEY_ID\n          value: {a}\n        - name: AWS_SECRET_ACCESS_KEY\n          value: {s}\n        - name: AWS_REGION\n          value: us-east-1\n"), vec![s], vec![a]);
    let (a, s, t) = (r.akid("ASIA"), r.secret_key(), r.session_token());
    add("ecs-env", format!("\"environment\": [\n    {{ \"name\": \"AWS_ACCESS_KEY_ID\", \"value\": \"{a}\" }},\n    {{ \"name\": \"AWS_SECRET_ACCESS_KEY\", \"value\": \"{s}\" }},\n    {{ \"name\": \"AWS_SESSION_TOKEN\", \"value\": \"{t}\" }}\n],\n"), vec![s, t], vec![a]);
    let (a, s) = (r.akid("AKIA"), r.secret_key());
    add(
        "s3cmd-secret_key",
        format!("[default]\naccess_key = {a}\nsecret_key = {s}\nhost_base = s3.amazonaws.com\n"),
        vec![s],
        vec![a],
    );
    let (a, s, t) = (r.akid("ASIA"), r.secret_key(), r.session_token());
    add("powershell-format-list", format!("PS C:\\> Use-STSRole -RoleArn arn:aws:iam::123456789012:role/deploy -RoleSessionName ci | Select-Object -ExpandProperty Credentials | Format-List\n\nAccessKeyId     : {a}\nExpiration      : 12/3/2026 1:07:31 PM\nSecretAccessKey : {s}\nSessionToken    : {t}\n"), vec![s, t], vec![a]);
    let (a, s) = (r.akid("AKIA"), r.secret_key());
    add(
        "powershell-set-credential",
        format!("PS C:\\> Set-AWSCredential -AccessKey {a} -SecretKey {s} -StoreAs default\n"),
        vec![s],
        vec![a],
    );
    let (a, s) = (r.akid("AKIA"), r.secret_key());
    add("js-config", format!("const client = new S3Client({{\n  region: \"us-east-1\",\n  credentials: {{ accessKeyId: \"{a}\", secretAccessKey: \"{s}\" }},\n}});\nconst awsSecretAccessKey = \"{s}\";\n"), vec![s], vec![a]);
    let (a, s) = (r.akid("AKIA"), r.secret_key());
    add("yaml-dashes", format!("- uses: aws-actions/configure-aws-credentials@v4\n  with:\n    aws-access-key-id: {a}\n    aws-secret-access-key: {s}\n    aws-region: us-east-1\n"), vec![s], vec![a]);
    let (a, s, t) = (r.akid("ASIA"), r.secret_key(), r.session_token());
    let cut = t.len() / 2;
    let half = t.get(..cut).unwrap_or_default().to_owned();
    add("json-cut-in-token", format!("{{\n  \"Code\" : \"Success\",\n  \"Type\" : \"AWS-HMAC\",\n  \"AccessKeyId\" : \"{a}\",\n  \"SecretAccessKey\" : \"{s}\",\n  \"Token\" : \"{half}"), vec![s, half], vec![a]);
    let (a, s) = (r.akid("AKIA"), r.secret_key());
    add("docker-inspect-env", format!("$ docker inspect web --format '{{{{json .Config}}}}'\n{{\"Hostname\":\"3f2a1b\",\"Env\":[\"PATH=/usr/local/bin:/usr/bin\",\"AWS_ACCESS_KEY_ID={a}\",\"AWS_SECRET_ACCESS_KEY={s}\"],\"Image\":\"web:latest\"}}\n$ aws sts get-caller-identity\n{{\n    \"UserId\": \"AIDA3XFRBF535PLBIFPI4\",\n    \"Account\": \"123456789012\",\n    \"Arn\": \"arn:aws:iam::123456789012:user/ci\"\n}}\n"), vec![s], vec![a]);
    let (a, s, t) = (r.akid("ASIA"), r.secret_key(), r.session_token());
    let utf16_text =
        format!("AWS_ACCESS_KEY_ID={a}\r\nAWS_SECRET_ACCESS_KEY={s}\r\nAWS_SESSION_TOKEN={t}\r\n");
    add(
        "utf16-without-bom",
        engine::text::decode(&utf16le(&utf16_text)),
        vec![s, t],
        vec![a],
    );
    let (a, s, t) = (r.akid("ASIA"), r.secret_key(), r.session_token());
    add("botocore-debug-dict", format!("2026-12-03 11:42:05,123 botocore.credentials [DEBUG] Retrieved credentials: {{'AccessKeyId': '{a}', 'SecretAccessKey': '{s}', 'Token': '{t}', 'Expiration': '2026-12-03T18:07:31Z'}}\n"), vec![s, t], vec![a]);
    let (a, t, g) = (r.akid("ASIA"), r.session_token(), r.signature());
    add("botocore-debug-headers", format!("2026-12-03 11:42:05,456 botocore.endpoint [DEBUG] Making request for OperationModel(name=DescribeInstances) with params: {{'headers': {{'X-Amz-Date': b'20261203T114205Z', 'X-Amz-Security-Token': b'{t}', 'Authorization': b'AWS4-HMAC-SHA256 Credential={a}/20261203/us-east-1/ec2/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature={g}'}}}}\n"), vec![t, g], vec![a]);
    let (a, g) = (r.akid("AKIA"), r.signature());
    add("authorization-header", format!("> GET /?Action=DescribeInstances&Version=2016-11-15 HTTP/1.1\n> Host: ec2.us-east-1.amazonaws.com\n> X-Amz-Date: 20261203T114205Z\n> Authorization: AWS4-HMAC-SHA256 Credential={a}/20261203/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature={g}\n"), vec![g], vec![a]);
    let (a, t, g) = (r.akid("ASIA"), r.session_token(), r.signature());
    let t_url = t
        .replace('/', "%2F")
        .replace('+', "%2B")
        .replace('=', "%3D");
    add("presigned-url", format!("https://app-bucket.s3.us-east-1.amazonaws.com/reports/2026.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={a}%2F20261203%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261203T114205Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Security-Token={t_url}&X-Amz-Signature={g}\n"), vec![t_url, g], vec![a]);
    let i = r.imds_token();
    add("imds-token-echo", format!("$ TOKEN=`curl -s -X PUT \"http://169.254.169.254/latest/api/token\" -H \"X-aws-ec2-metadata-token-ttl-seconds: 21600\"`\n$ echo $TOKEN\n{i}\n"), vec![i], vec![]);
    let i = r.imds_token();
    add("imds-token-header", format!("$ curl -v -H \"X-aws-ec2-metadata-token: {i}\" http://169.254.169.254/latest/meta-data/iam/info\n> GET /latest/meta-data/iam/info HTTP/1.1\n> X-aws-ec2-metadata-token: {i}\n< HTTP/1.1 404 Not Found\n"), vec![i], vec![]);
    let i = r.imds_token();
    add("imds-token-put-verbose", format!("> PUT /latest/api/token HTTP/1.1\n> Host: 169.254.169.254\n> X-aws-ec2-metadata-token-ttl-seconds: 21600\n>\n< HTTP/1.1 200 OK\n< X-Aws-Ec2-Metadata-Token-Ttl-Seconds: 21600\n< Content-Length: 56\n<\n{i}\n"), vec![i], vec![]);
    let (x, y, c) = (r.sso_token("aoa"), r.sso_token("aor"), r.jwt());
    add("sso-cache", format!("$ cat ~/.aws/sso/cache/7f2e9d.json\n{{\"startUrl\": \"https://d-9067a1b2c3.awsapps.com/start\", \"region\": \"us-east-1\", \"accessToken\": \"{x}\", \"expiresAt\": \"2026-12-03T19:42:05Z\", \"clientId\": \"{}\", \"clientSecret\": \"{c}\", \"refreshToken\": \"{y}\"}}\n", r.opaque(22)), vec![x, y, c], vec![]);
    let j = r.jwt();
    add("eks-pod-identity-token", format!("$ cat /var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token\n{j}\n"), vec![j], vec![]);
    let j = r.jwt();
    add("web-identity-command", format!("$ aws sts assume-role-with-web-identity --role-arn arn:aws:iam::123456789012:role/irsa --role-session-name pod --web-identity-token {j}\n"), vec![j], vec![]);
    let k = r.opaque(44);
    add("container-authorization-token", format!("AWS_CONTAINER_CREDENTIALS_FULL_URI=http://169.254.170.23/v1/credentials\nAWS_CONTAINER_AUTHORIZATION_TOKEN={k}\n"), vec![k], vec![]);
    let (a, s, t) = (r.akid("ASIA"), r.secret_key(), r.session_token());
    add("container-credentials-curl", format!("$ curl -H \"Authorization: $AWS_CONTAINER_AUTHORIZATION_TOKEN\" $AWS_CONTAINER_CREDENTIALS_FULL_URI\n{{\"AccessKeyId\":\"{a}\",\"Expiration\":\"2026-12-03T18:07:31Z\",\"RoleArn\":\"arn:aws:iam::123456789012:role/pod\",\"SecretAccessKey\":\"{s}\",\"Token\":\"{t}\"}}\n"), vec![s, t], vec![a]);
    let b = r.opaque(48);
    add("bearer-header", format!("curl -s -H \"Authorization: Bearer {b}\" https://portal.sso.us-east-1.amazonaws.com/federation/credentials?role_name=Admin&account_id=123456789012\n"), vec![b], vec![]);
    let s = r.secret_key();
    add("configure-set", format!("$ aws configure set aws_secret_access_key {s} --profile ci\n$ aws configure list --profile ci\n      Name                    Value             Type    Location\n      ----                    -----             ----    --------\n   profile                       ci           manual    --profile\naccess_key     ****************{}      shared-credentials-file\nsecret_key     ****************{} shared-credentials-file\n", s.get(36..).unwrap_or_default(), s.get(36..).unwrap_or_default()), vec![s], vec![]);
    let (a, s, t) = (r.akid("ASIA"), r.secret_key(), r.session_token());
    add("get-session-token", format!("$ aws sts get-session-token --serial-number arn:aws:iam::123456789012:mfa/dev --token-code 123456\n{{\n    \"Credentials\": {{\n        \"AccessKeyId\": \"{a}\",\n        \"SecretAccessKey\": \"{s}\",\n        \"SessionToken\": \"{t}\",\n        \"Expiration\": \"2026-12-04T11:42:05+00:00\"\n    }}\n}}\n"), vec![s, t], vec![a]);
    let (a, s) = (r.akid("AKIA"), r.secret_key());
    add("terraform-provider", format!("provider \"aws\" {{\n  region     = \"us-east-1\"\n  access_key = \"{a}\"\n  secret_key = \"{s}\"\n}}\n"), vec![s], vec![a]);
    let (a, s) = (r.akid("AKIA"), r.secret_key());
    add(
        "java-literal",
        format!("AWSCredentials credentials = new BasicAWSCredentials(\"{a}\", \"{s}\");\n"),
        vec![s],
        vec![a],
    );
    let (a, s, t) = (r.akid("ASIA"), r.secret_key(), r.session_token());
    add("go-literal", format!("sess := session.Must(session.NewSession(&aws.Config{{Credentials: credentials.NewStaticCredentials(\"{a}\", \"{s}\", \"{t}\")}}))\n"), vec![s, t], vec![a]);
    let (a, s) = (r.akid("AKIA"), r.secret_key());
    add("dotenv", format!("# .env\nDATABASE_URL=postgres://app@db:5432/app\nAWS_ACCESS_KEY_ID='{a}'\nAWS_SECRET_ACCESS_KEY='{s}'\n"), vec![s], vec![a]);
    let (a, s) = (r.akid("AKIA"), r.secret_key());
    add("windows-set", format!("C:\\Users\\dev> set AWS_ACCESS_KEY_ID={a}\nC:\\Users\\dev> setx AWS_SECRET_ACCESS_KEY {s}\n\nSUCCESS: Specified value was saved.\n"), vec![s], vec![a]);
    let t = r.session_token();
    add("powershell-env", format!("PS C:\\> $env:AWS_SESSION_TOKEN = \"{t}\"\nPS C:\\> Get-EC2Instance -Region us-east-1\n"), vec![t], vec![]);
    let (a, s) = (r.akid("AKIA"), r.secret_key());
    add(
        "japanese-labels",
        format!("アクセスキー ID：{a}\nシークレットアクセスキー：{s}\n"),
        vec![s],
        vec![a],
    );
    let (a, s, t) = (r.akid("ASIA"), r.secret_key(), r.session_token());
    add("query-api-xml", format!("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <AssumeRoleResult>\n    <Credentials>\n      <AccessKeyId>{a}</AccessKeyId>\n      <SecretAccessKey>{s}</SecretAccessKey>\n      <SessionToken>{t}</SessionToken>\n      <Expiration>2026-12-03T13:07:31Z</Expiration>\n    </Credentials>\n  </AssumeRoleResult>\n</AssumeRoleResponse>\n"), vec![s, t], vec![a]);
    let (a, s) = (r.akid("AKIA"), r.secret_key());
    add(
        "console-csv",
        format!("Access key ID,Secret access key\n{a},{s}\n"),
        vec![s],
        vec![a],
    );
    let e = r.of(BASE64URL, 600);
    add("encoded-authorization-message", format!("An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/dev is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/web because no identity-based policy allows the iam:PassRole action. Encoded authorization failure message: {e}\n"), vec![], vec![e]);
    out
}

/// Clean look-alikes: what is near a secret in shape or words, and is not one.
fn clean(r: &mut Random) -> Vec<(&'static str, String)> {
    let hex = |r: &mut Random, n| r.of(b"0123456789abcdef", n);
    let uuid = |r: &mut Random| {
        format!(
            "{}-{}-4{}-a{}-{}",
            r.of(b"0123456789abcdef", 8),
            r.of(b"0123456789abcdef", 4),
            r.of(b"0123456789abcdef", 3),
            r.of(b"0123456789abcdef", 3),
            r.of(b"0123456789abcdef", 12)
        )
    };
    let base64_of = |text: &str| -> String {
        let bytes = text.as_bytes();
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(char::from(BASE64[((n >> (18 - 6 * i)) & 63) as usize]));
                } else {
                    out.push('=');
                }
            }
        }
        out
    };
    vec![
        ("read-timeout-on-token", "botocore.exceptions.ReadTimeoutError: Read timeout on endpoint URL: \"http://169.254.169.254/latest/api/token\"\n".to_owned()),
        ("token-path-timeout", "2026-12-03 11:42:05 Error when retrieving token from sso: …/latest/api/token: Read timeout on endpoint URL\n".to_owned()),
        ("token-curl-backticks", "TOKEN=`curl -X PUT \"http://169.254.169.254/latest/api/token\" -H \"X-aws-ec2-metadata-token-ttl-seconds: 21600\"` \\\n&& curl -H \"X-aws-ec2-metadata-token: $TOKEN\" http://169.254.169.254/latest/meta-data/iam/info\n".to_owned()),
        ("ecr-authorization-token-error", "Error: failed to get authorization token: operation error ECR: GetAuthorizationToken, https response error StatusCode: 403, RequestID: ".to_owned() + &uuid(r) + ", api error AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/ci/i-0abc123 is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action\n"),
        ("configure-list-masked", format!("      Name                    Value             Type    Location\n      ----                    -----             ----    --------\n   profile                <not set>             None    None\naccess_key     ****************{} iam-role\nsecret_key     ****************{} iam-role\n    region                us-east-1      imds\n", r.of(ALNUM, 4), r.of(ALNUM, 4))),
        ("github-actions-masked", "Run aws-actions/configure-aws-credentials@v4\n  with:\n    aws-access-key-id: ***\n    aws-secret-access-key: ***\n    aws-region: us-east-1\n".to_owned()),
        ("git-commit-hashes", format!("commit {}\nMerge: {} {}\nAuthor: dev <dev@example.com>\n", hex(r, 40), hex(r, 7), hex(r, 7))),
        ("sha256-digests", format!("sha256:{}  app.tar.gz\nsha1 {}\n", hex(r, 64), hex(r, 40))),
        ("request-ids", format!("An error occurred (AccessDenied) when calling the GetRole operation: User: arn:aws:sts::123456789012:assumed-role/web/i-0abcdef1234567890 is not authorized to perform: iam:GetRole on resource: role web\nRequest ID: {}\n", uuid(r))),
        ("client-token", format!("{{\n    \"Reservations\": [{{\n        \"Instances\": [{{\n            \"InstanceId\": \"i-0abcdef1234567890\",\n            \"ClientToken\": \"{}\",\n            \"IamInstanceProfile\": {{\"Arn\": \"arn:aws:iam::123456789012:instance-profile/web\", \"Id\": \"AIPA3XFRBF535PLBIFPI4\"}}\n        }}]\n    }}]\n}}\n", uuid(r))),
        ("next-token", format!("{{\n    \"InstanceProfiles\": [],\n    \"NextToken\": \"{}\"\n}}\n", base64_of(&format!("{{\"Marker\": null, \"boto_truncate_amount\": 2, \"LastKey\": \"instance-profile/{}\"}}", r.opaque(12))))),
        ("user-data", format!("{{\n    \"InstanceId\": \"i-0abcdef1234567890\",\n    \"UserData\": {{\n        \"Value\": \"{}\"\n    }}\n}}\n", base64_of("#!/bin/bash\nyum install -y httpd\nsystemctl enable --now httpd\necho ok > /var/www/html/index.html\n"))),
        ("caller-identity", "{\n    \"UserId\": \"AROA3XFRBF535PLBIFPI4:i-0abcdef1234567890\",\n    \"Account\": \"123456789012\",\n    \"Arn\": \"arn:aws:sts::123456789012:assumed-role/web/i-0abcdef1234567890\"\n}\n".to_owned()),
        ("iam-info", "{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : \"2026-12-03T11:42:05Z\",\n  \"InstanceProfileArn\" : \"arn:aws:iam::123456789012:instance-profile/web\",\n  \"InstanceProfileId\" : \"AIPA3XFRBF535PLBIFPI4\"\n}\n".to_owned()),
        ("key-pair", format!("{{\n    \"KeyPairs\": [{{\n        \"KeyPairId\": \"key-0{}\",\n        \"KeyFingerprint\": \"{}\",\n        \"KeyName\": \"ops\",\n        \"PublicKey\": \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{} ops\"\n    }}]\n}}\n", hex(r, 16), (0..20).map(|_| hex(r, 2)).collect::<Vec<_>>().join(":"), r.of(BASE64, 43))),
        ("ssh-rsa", format!("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ{} ec2-user@host\n", r.of(BASE64, 340))),
        ("env-without-secrets", "$ env | grep AWS\nAWS_REGION=us-east-1\nAWS_DEFAULT_REGION=us-east-1\nAWS_PROFILE=prod\nAWS_ROLE_ARN=arn:aws:iam::123456789012:role/irsa\nAWS_WEB_IDENTITY_TOKEN_FILE=/var/run/secrets/eks.amazonaws.com/serviceaccount/token\nAWS_STS_REGIONAL_ENDPOINTS=regional\n".to_owned()),
        ("container-env-paths", "AWS_CONTAINER_CREDENTIALS_FULL_URI=http://169.254.170.23/v1/credentials\nAWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token\n".to_owned()),
        ("no-credentials", "$ aws sts get-caller-identity\nUnable to locate credentials. You can configure credentials by running \"aws configure\".\n".to_owned()),
        ("gather-redacted", "{\n  \"Code\" : \"Success\",\n  \"Type\" : \"AWS-HMAC\",\n  \"AccessKeyId\" : \"ASIA<redacted>\",\n  \"SecretAccessKey\" : \"<redacted>\",\n  \"Token\" : \"<redacted>\",\n  \"Expiration\" : \"2026-12-03T18:07:31Z\"\n}\n".to_owned()),
        ("variables", "export AWS_SECRET_ACCESS_KEY=$SECRET\nexport AWS_SESSION_TOKEN=\"${SESSION_TOKEN}\"\naws_secret_access_key = %AWS_SECRET%\n".to_owned()),
        ("signature-errors", "An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.\nSignature expired: 20261203T114205Z is now earlier than 20261203T120705Z (20261203T121205Z - 5 min.)\n".to_owned()),
        ("trust-policy", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]\n}\n".to_owned()),
        ("identity-policy-secrets-words", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Sid\": \"ReadSecretAccessKeyRotation\", \"Effect\": \"Allow\", \"Action\": [\"secretsmanager:GetSecretValue\", \"sts:GetSessionToken\"], \"Resource\": \"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/token-AbCdEf\"}]\n}\n".to_owned()),
        ("etags", format!("{{\n    \"ETag\": \"\\\"{}\\\"\",\n    \"VersionId\": \"{}\"\n}}\n", hex(r, 32), r.opaque(32))),
        ("docker-digest", format!("web@sha256:{}\n", hex(r, 64))),
        ("camel-case-40", "ThisIsACamelCaseIdentifierOfFortyLetter and SecretAccessKeyRotationLambdaFunction\n".to_owned()),
        ("pem-certificate", format!("-----BEGIN CERTIFICATE-----\nMIID{}\n{}\n-----END CERTIFICATE-----\n", r.of(BASE64, 60), r.of(BASE64, 64))),
        ("japanese-error", "インスタンスプロファイル web が見つかりません。トークンの有効期限が切れています: ロールのセッションを再取得してください\n".to_owned()),
        ("sso-login-output", "Attempting to automatically open the SSO authorization page in your default browser.\nIf the browser does not open, open the following URL:\n\nhttps://device.sso.us-east-1.amazonaws.com/\n\nThen enter the code:\n\nWDKX-QTHM\nSuccessfully logged into Start URL: https://d-9067a1b2c3.awsapps.com/start\n".to_owned()),
        ("imds-http-401", "> GET /latest/meta-data/iam/security-credentials/ HTTP/1.1\n> Host: 169.254.169.254\n>\n< HTTP/1.1 401 Unauthorized\n< Content-Length: 0\n".to_owned()),
        ("token-word-sentences", "Token: Read timeout\nThe token has expired.\nsession token: not set\nAuthorization: none\n".to_owned()),
        ("describe-instance-ids", "i-0abcdef1234567890 ami-0abcdef1234567890 sg-0123456789abcdef0 subnet-0123456789abcdef0 vol-0123456789abcdef0 eni-0123456789abcdef0\n".to_owned()),
        ("urls", "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#Using_CreateAccessKey\nhttps://console.aws.amazon.com/iam/home?region=us-east-1#/roles/details/web?section=permissions\n".to_owned()),
        ("kubectl-secret-names", "NAME                  TYPE                                  DATA   AGE\naws-credentials       Opaque                                2      14d\ndefault-token-x7k2p   kubernetes.io/service-account-token   3      120d\n".to_owned()),
        ("cloudtrail-event-names", "\"eventName\": \"GetSessionToken\", \"eventSource\": \"sts.amazonaws.com\", \"userAgent\": \"aws-cli/2.15.30 Python/3.11.8 Linux/6.1.72-96.166.amzn2023.x86_64 exe/x86_64.amzn.2023\"\n".to_owned()),
        ("python-traceback", "Traceback (most recent call last):\n  File \"/usr/lib/python3.9/site-packages/botocore/credentials.py\", line 2055, in fetch_credentials\n    token = self._fetch_metadata_token()\nbotocore.exceptions.NoCredentialsError: Unable to locate credentials\n".to_owned()),
        ("java-sdk-error", "com.amazonaws.SdkClientException: Unable to load AWS credentials from any provider in the chain: [EnvironmentVariableCredentialsProvider: Unable to load AWS credentials from environment variables (AWS_ACCESS_KEY_ID (or AWS_ACCESS_KEY) and AWS_SECRET_KEY (or AWS_SECRET_ACCESS_KEY)), InstanceProfileCredentialsProvider: Failed to connect to service endpoint: ]\n".to_owned()),
        ("go-sdk-error", "operation error S3: ListBuckets, get identity: get credentials: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, request canceled, context deadline exceeded\n".to_owned()),
        ("terraform-plan", "  # aws_instance.web will be created\n  + resource \"aws_instance\" \"web\" {\n      + ami                  = \"ami-0abcdef1234567890\"\n      + iam_instance_profile = \"web\"\n      + user_data_base64     = (known after apply)\n    }\n".to_owned()),
        ("long-hex-and-numbers", format!("checksum={} nonce={} build=20261203.{}\n", hex(r, 128), hex(r, 48), r.below(9999))),
    ]
}

fn value_core(value: &str) -> &str {
    // The middle of a long value: a partial leak is a leak.
    if value.len() > 40 {
        let start = value.len() / 2 - 10;
        value.get(start..start + 20).unwrap_or(value)
    } else {
        value
    }
}

fn unmasked(text: &str) -> String {
    let mut spans: Vec<Span> = input::read(text)
        .iter()
        .flat_map(|i| i.secrets.iter().map(|s| s.span))
        .collect();
    spans.sort_by_key(|s| s.start);
    let mut out = String::new();
    let mut at = 0;
    for span in spans {
        if span.start > at {
            out.push_str(text.get(at..span.start).unwrap_or_default());
        }
        out.push('•');
        at = at.max(span.end);
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

#[test]
fn the_corpus_scores_as_the_issue_asks() {
    let mut r = Random(0x05EC_2E75_u64);
    let mut pastes = Vec::new();
    for _ in 0..3 {
        pastes.extend(forms(&mut r));
    }
    let forms_count = {
        let mut names: Vec<&str> = pastes.iter().map(|p| p.form).collect();
        names.sort();
        names.dedup();
        names.len()
    };
    let values: usize = pastes.iter().map(|p| p.secrets.len()).sum();
    let options = [
        ShareOptions::default(),
        ShareOptions {
            form: Form::Minimal,
            ..ShareOptions::default()
        },
        ShareOptions {
            anonymise: true,
            ..ShareOptions::default()
        },
    ];
    let (mut detected, mut leaks, mut emptied, mut unreported) =
        (0usize, Vec::new(), 0usize, Vec::new());
    for paste in &pastes {
        let masked = unmasked(&paste.text);
        let case = Case::read(&[paste.text.as_str()]);
        let diagnosis = rules::diagnose(&case, Lang::En);
        let exports = [
            report::markdown(&case, &diagnosis, Lang::En, &["paste".to_owned()]),
            report::text(
                &case,
                &diagnosis,
                Lang::En,
                &["paste".to_owned()],
                report::TextStyle::Plain,
            ),
            report::json(&case, &diagnosis, Lang::En).to_string(),
        ];
        let links: Vec<(String, share::Case)> = options
            .iter()
            .map(|o| {
                let fragment = share::encode(&share::Case::of_texts(&[paste.text.as_str()]), o)
                    .unwrap_or_default();
                let decoded = share::decode(&fragment).unwrap_or_default();
                (fragment, decoded)
            })
            .collect();
        if links
            .first()
            .is_some_and(|(_, case)| case.inputs.iter().any(|t| t.trim().is_empty()))
        {
            emptied += 1;
        }
        if !paste.secrets.is_empty()
            && !diagnosis
                .findings
                .iter()
                .any(|f| f.id == "secrets-in-input")
        {
            unreported.push(paste.form);
        }
        for value in paste.secrets.iter().chain(&paste.ids) {
            let core = value_core(value);
            let is_secret = paste.secrets.contains(value);
            if is_secret && !masked.contains(core) {
                detected += 1;
            }
            let mut places = Vec::new();
            if masked.contains(core) {
                places.push("screen");
            }
            for export in &exports {
                if export.contains(core) {
                    places.push("export");
                }
            }
            for (fragment, decoded) in &links {
                if fragment.contains(core) || decoded.inputs.iter().any(|t| t.contains(core)) {
                    places.push("link");
                }
            }
            if !places.is_empty() {
                leaks.push(format!("{}: {places:?} {:.24}…", paste.form, value));
            }
        }
    }
    let clean = clean(&mut r);
    let flagged: Vec<(&str, Vec<(SecretKind, String)>)> = clean
        .iter()
        .filter_map(|(name, text)| {
            let found: Vec<(SecretKind, String)> = input::read(text)
                .iter()
                .flat_map(|i| {
                    i.secrets
                        .iter()
                        .map(|s| (s.kind, s.span.slice(text).to_owned()))
                })
                .collect();
            let finding = rules::diagnose(&Case::read(&[text.as_str()]), Lang::En)
                .findings
                .iter()
                .any(|f| f.id == "secrets-in-input");
            (!found.is_empty() || finding).then_some((*name, found))
        })
        .collect();
    let emptied_clean = clean
        .iter()
        .filter(|(_, text)| {
            let fragment = share::encode(
                &share::Case::of_texts(&[text.as_str()]),
                &ShareOptions::default(),
            )
            .unwrap_or_default();
            share::decode(&fragment)
                .map_or(true, |case| case.inputs.iter().any(|t| t.trim().is_empty()))
        })
        .count();
    println!(
        "corpus: {} pastes in {forms_count} forms, {values} secret values: {detected} detected ({:.1} %), {} leaks, {} unreported pastes, {emptied} emptied; {} clean texts: {} flagged, {emptied_clean} emptied",
        pastes.len(),
        100.0 * detected as f64 / values as f64,
        leaks.len(),
        unreported.len(),
        clean.len(),
        flagged.len()
    );
    println!("flagged: {flagged:?}");
    assert!(
        values >= 150 && forms_count >= 40 && clean.len() >= 40,
        "the corpus is too small"
    );
    assert!(leaks.is_empty(), "leaks: {leaks:#?}");
    assert!(
        detected * 100 >= values * 99,
        "{detected} of {values} detected"
    );
    assert!(unreported.is_empty(), "not reported: {unreported:?}");
    assert!(
        flagged.len() * 40 <= clean.len(),
        "false positives: {flagged:#?}"
    );
    assert_eq!(emptied + emptied_clean, 0, "pastes emptied");
}
