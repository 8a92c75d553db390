//! How `read` copes with what users really paste: prompts and command lines, `--query`
//! fragments, Japanese notes, several documents in a row, CRLF, a BOM, `; echo` artefacts,
//! pretty IMDS output, secrets, and broken or cut-off text.

use engine::input::{read, Facts, Input, InputKind, SdkErrorClass, SecretKind};
use engine::lang::Lang;

fn kinds(inputs: &[Input]) -> Vec<InputKind> {
    inputs.iter().map(|input| input.kind).collect()
}

#[test]
fn transcript_with_every_prompt_form_keeps_each_command() {
    let text = "\
[ec2-user@ip-172-31-0-5 ~]$ TOKEN=$(curl -s -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 21600') && curl -s -H \"X-aws-ec2-metadata-token: $TOKEN\" http://169.254.169.254/latest/meta-data/iam/info; echo
{
  \"Code\" : \"Success\",
  \"LastUpdated\" : \"2024-06-20T18:51:35Z\",
  \"InstanceProfileArn\" : \"arn:aws:iam::123456789012:instance-profile/web\",
  \"InstanceProfileId\" : \"AIPAABCDEFGHIJKLMN123\"
}
[ec2-user@ip-172-31-0-5 ~]$ curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/; echo
web-role
jane@laptop:~% aws iam get-instance-profile --instance-profile-name web
{\"InstanceProfile\": {\"Path\": \"/\", \"InstanceProfileName\": \"web\", \"InstanceProfileId\": \"AIPAZZZZZZZZZZZZZZZZZ\", \"Arn\": \"arn:aws:iam::123456789012:instance-profile/web\", \"Roles\": []}}
PS C:\\Users\\jane> aws sts get-caller-identity
{\"UserId\": \"AROAEXAMPLE:i-0123456789abcdef0\", \"Account\": \"123456789012\", \"Arn\": \"arn:aws:sts::123456789012:assumed-role/web-role/i-0123456789abcdef0\"}
$ aws ec2 describe-instances --instance-ids i-0123456789abcdef0 --query 'Reservations[].Instances[].IamInstanceProfile'
[
    {
        \"Arn\": \"arn:aws:iam::123456789012:instance-profile/web\",
        \"Id\": \"AIPAABCDEFGHIJKLMN123\"
    }
]
";
    let inputs = read(text);
    assert_eq!(
        kinds(&inputs),
        vec![
            InputKind::ImdsIamInfo,
            InputKind::ImdsCredentialsListing,
            InputKind::GetInstanceProfile,
            InputKind::CallerIdentity,
            InputKind::DescribeInstances,
        ]
    );
    let command = inputs[2]
        .command
        .as_ref()
        .unwrap_or_else(|| panic!("command"));
    assert_eq!(command.option("--instance-profile-name"), Some("web"));
    assert_eq!(
        inputs[0]
            .command
            .as_ref()
            .and_then(|c| c.imds_path.as_deref()),
        Some("/latest/meta-data/iam/info")
    );
    assert!(inputs[0].command.as_ref().is_some_and(|c| c.sends_token));
    let Facts::CredentialsListing(listing) = &inputs[1].facts else {
        panic!("listing")
    };
    assert_eq!(listing.role_names[0].span.slice(text), "web-role");
    let Facts::CallerIdentity(identity) = &inputs[3].facts else {
        panic!("identity")
    };
    let assumed = identity
        .assumed_role
        .as_ref()
        .unwrap_or_else(|| panic!("assumed role"));
    assert_eq!(assumed.session.span.slice(text), "i-0123456789abcdef0");
    let Facts::Instances(instances) = &inputs[4].facts else {
        panic!("instances")
    };
    assert_eq!(
        instances[0]
            .profile_id
            .as_ref()
            .map(|id| id.span.slice(text)),
        Some("AIPAABCDEFGHIJKLMN123")
    );
}

#[test]
fn curl_path_names_the_exchange_of_an_error_page() {
    // An error page or a curl error is `imds-http` whatever path it answered (CATALOG), with the
    // path (and so the role) its command asked for.
    let text = "$ curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/web-role\n<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<html><head><title>404 - Not Found</title></head><body><h1>404 - Not Found</h1></body></html>\n";
    let inputs = read(text);
    assert_eq!(kinds(&inputs), vec![InputKind::ImdsHttp]);
    let Facts::ImdsHttp(exchanges) = &inputs[0].facts else {
        panic!("exchanges")
    };
    let http = exchanges.first().unwrap_or_else(|| panic!("http"));
    assert_eq!(http.status.as_ref().map(|s| s.value), Some(404));
    assert!(http
        .path
        .as_ref()
        .is_some_and(|p| p.value.ends_with("/security-credentials/web-role")));
    let text = "$ curl -s -m 2 http://169.254.169.254/latest/meta-data/iam/info\ncurl: (28) Connection timed out after 2001 milliseconds\n";
    let inputs = read(text);
    assert_eq!(kinds(&inputs), vec![InputKind::ImdsHttp]);
    let Facts::ImdsHttp(exchanges) = &inputs[0].facts else {
        panic!("exchanges")
    };
    assert!(exchanges.first().is_some_and(|h| h.curl_error.is_some()));
}

#[test]
fn japanese_notes_crlf_bom_and_several_documents() {
    let text = "\u{FEFF}インスタンスで実行した結果です。\r\n{\r\n  \"Code\" : \"Success\",\r\n  \"LastUpdated\" : \"2024-06-20T18:51:35Z\",\r\n  \"InstanceProfileArn\" : \"arn:aws:iam::123456789012:instance-profile/web\",\r\n  \"InstanceProfileId\" : \"AIPAABCDEFGHIJKLMN123\"\r\n}\r\n次に get-caller-identity です：\r\n{\"UserId\": \"AIDASAMPLEUSERID\", \"Account\": \"123456789012\", \"Arn\": \"arn:aws:iam::123456789012:user/DevAdmin\"}{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}}\r\nよろしくお願いします。";
    let inputs = read(text);
    assert_eq!(
        kinds(&inputs),
        vec![
            InputKind::ImdsIamInfo,
            InputKind::CallerIdentity,
            InputKind::TrustPolicy
        ]
    );
    assert!(inputs.iter().all(|input| input.problems.is_empty()));
    let Facts::ImdsIamInfo(info) = &inputs[0].facts else {
        panic!("info")
    };
    assert_eq!(
        info.profile_id.as_ref().map(|id| id.span.slice(text)),
        Some("AIPAABCDEFGHIJKLMN123")
    );
    let Facts::TrustPolicy(trust) = &inputs[2].facts else {
        panic!("trust")
    };
    let offset = trust.text_offset.unwrap_or_else(|| panic!("verbatim"));
    assert_eq!(&text[offset..offset + trust.text.len()], trust.text);
}

#[test]
fn secrets_are_located_in_json_env_lines_and_configure_output() {
    let text = "{\n  \"Code\" : \"Success\",\n  \"Type\" : \"AWS-HMAC\",\n  \"AccessKeyId\" : \"ASIAIOSFODNN7EXAMPLE\",\n  \"SecretAccessKey\" : \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\",\n  \"Token\" : \"IQoJb3JpZ2luX2VjEXAMPLETOKEN\",\n  \"Expiration\" : \"2017-05-17T15:09:54Z\"\n}";
    let inputs = read(text);
    let found: Vec<(SecretKind, &str)> = inputs[0]
        .secrets
        .iter()
        .map(|s| (s.kind, s.span.slice(text)))
        .collect();
    assert_eq!(
        found,
        vec![
            (SecretKind::AccessKeyId, "ASIAIOSFODNN7EXAMPLE"),
            (
                SecretKind::SecretAccessKey,
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
            ),
            (SecretKind::SessionToken, "IQoJb3JpZ2luX2VjEXAMPLETOKEN"),
        ]
    );
    let text = "$ export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG\n$ aws configure list\n      Name                    Value             Type    Location\n      ----                    -----             ----    --------\n   profile                <not set>             None    None\naccess_key     ****************ABCD         iam-role\nsecret_key     ****************EFGH         iam-role\n    region                us-east-1      imds\n$ aws sts get-caller-identity\nUnable to locate credentials. You can configure credentials by running \"aws configure\".\n";
    let inputs = read(text);
    let all: Vec<(SecretKind, &str)> = inputs
        .iter()
        .flat_map(|i| i.secrets.iter().map(|s| (s.kind, s.span.slice(text))))
        .collect();
    assert!(all.contains(&(SecretKind::SecretAccessKey, "wJalrXUtnFEMI/K7MDENG")));
    // `aws configure list` prints the last four characters behind a mask: not a secret.
    assert!(!all
        .iter()
        .any(|(_, value)| value.contains("ABCD") || value.contains("EFGH")));
    let last = inputs.last().unwrap_or_else(|| panic!("inputs"));
    assert_eq!(last.kind, InputKind::SdkError);
    let Facts::SdkErrors(errors) = &last.facts else {
        panic!("sdk errors")
    };
    assert_eq!(errors[0].class, SdkErrorClass::NoCredentials);
    // The encoded authorization message is a secret too.
    let text = "An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: EXAMPLEWodyRNrtlQARDip-eTA6i6DrlUhHhPQrLWB_lAbl5pAKxl9mPDLexYcGBreyIKQC1BGBIpBKr3dFDkw";
    let inputs = read(text);
    assert_eq!(inputs[0].secrets.len(), 1);
    assert_eq!(
        inputs[0].secrets[0].kind,
        SecretKind::EncodedAuthorizationMessage
    );
    assert!(inputs[0].secrets[0]
        .span
        .slice(text)
        .starts_with("EXAMPLEWody"));
}

#[test]
fn cut_off_json_keeps_what_it_can_and_says_where() {
    let text = "$ aws iam get-instance-profile --instance-profile-name web\n{\n    \"InstanceProfile\": {\n        \"Path\": \"/\",\n        \"InstanceProfileName\": \"web\",\n        \"InstanceProfileId\": \"AIPAJMBYC7DLSPEXAMPLE\",\n        \"Roles\": [\n            {\n                \"RoleName\": \"web-ro";
    let inputs = read(text);
    assert_eq!(kinds(&inputs), vec![InputKind::GetInstanceProfile]);
    let Facts::InstanceProfiles(profiles) = &inputs[0].facts else {
        panic!("profiles")
    };
    assert_eq!(
        profiles[0].id.as_ref().map(|id| id.value.as_str()),
        Some("AIPAJMBYC7DLSPEXAMPLE")
    );
    let problem = &inputs[0].problems[0];
    assert_eq!(problem.id, "json-truncated");
    assert_eq!(problem.location.line, 9);
    assert!(problem.message(Lang::En).contains("cut off at line 9"));
    assert!(problem.message(Lang::Ja).contains("9 行"));
}

#[test]
fn invalid_json_is_located_not_guessed() {
    let text = "{\n  \"Code\": \"Success\",\n  \"AccessKeyId\": \"ASIAEXAMPLE\",\n  \"SecretAccessKey\": \"x\"\n  \"Token\": \"y\"\n}";
    let inputs = read(text);
    assert_eq!(inputs.len(), 1);
    let problem = &inputs[0].problems[0];
    assert_eq!(problem.id, "json-invalid");
    assert_eq!(problem.location.line, 5);
    // Unknown text says what was expected.
    let inputs = read("hello, my instance does not work");
    assert_eq!(kinds(&inputs), vec![InputKind::Unknown]);
    assert_eq!(inputs[0].problems[0].id, "not-recognised");
    assert!(inputs[0].problems[0].message(Lang::En).contains("Expected"));
}

#[test]
fn query_fragments_and_lower_case_keys() {
    let text = "[[{\"InstanceId\": \"i-0123456789abcdef0\", \"State\": {\"Name\": \"running\"}, \"IamInstanceProfile\": {\"Arn\": \"arn:aws:iam::1:instance-profile/web\", \"Id\": \"AIPAX\"}}]]";
    let inputs = read(text);
    assert_eq!(kinds(&inputs), vec![InputKind::DescribeInstances]);
    let Facts::Instances(instances) = &inputs[0].facts else {
        panic!("instances")
    };
    assert_eq!(
        instances[0].state.as_ref().map(|s| s.value.as_str()),
        Some("running")
    );
    assert_eq!(
        instances[0]
            .profile_arn
            .as_ref()
            .and_then(|a| a.path.as_deref()),
        Some("$[0][0].IamInstanceProfile.Arn")
    );
    let text = "{\"code\": \"Success\", \"accessKeyId\": \"ASIAX\", \"secretAccessKey\": \"s\", \"token\": \"t\", \"expiration\": \"2030-01-01T00:00:00Z\"}";
    let inputs = read(text);
    assert_eq!(kinds(&inputs), vec![InputKind::ImdsCredentials]);
    assert!(inputs[0].problems.is_empty(), "{:#?}", inputs[0].problems);
}

#[test]
fn empty_query_results_and_text_output_take_the_command_kind() {
    let text = "$ aws ec2 describe-instances --instance-ids i-0123456789abcdef0 --query 'Reservations[].Instances[].IamInstanceProfile'\n[]\n$ aws iam list-instance-profiles-for-role --role-name web-role\n{\n    \"InstanceProfiles\": []\n}\n";
    let inputs = read(text);
    assert_eq!(
        kinds(&inputs),
        vec![
            InputKind::DescribeInstances,
            InputKind::ListInstanceProfiles
        ]
    );
    assert_eq!(inputs[0].facts, Facts::Instances(Vec::new()));
    assert!(inputs[0].problems.is_empty());
    let text = "$ aws ec2 describe-instances --query 'Reservations[].Instances[].[InstanceId,IamInstanceProfile.Arn,IamInstanceProfile.Id]' --output text\ni-0123456789abcdef0\tarn:aws:iam::123456789012:instance-profile/web\tAIPAABCDEFGHIJKLMN123\ni-0fedcba9876543210\tNone\tNone\n";
    let inputs = read(text);
    assert_eq!(kinds(&inputs), vec![InputKind::DescribeInstances]);
    let Facts::Instances(instances) = &inputs[0].facts else {
        panic!("instances")
    };
    assert_eq!(instances.len(), 2);
    assert_eq!(
        instances[0]
            .profile_id
            .as_ref()
            .map(|id| id.span.slice(text)),
        Some("AIPAABCDEFGHIJKLMN123")
    );
    assert_eq!(instances[1].profile_arn, None);
    // Without the command, a lone word is not taken for an error code's role; it is about the
    // domain all the same, so it is an `sdk-error` the diagnosis asks more about.
    let inputs = read("AccessDenied");
    assert_eq!(kinds(&inputs), vec![InputKind::SdkError]);
    assert!(matches!(&inputs[0].facts, Facts::SdkErrors(errors)
        if errors.iter().all(|e| e.class == SdkErrorClass::Unexplained)));
}

#[test]
fn raw_query_api_xml_for_profiles_and_url_encoded_documents() {
    let text = "<GetInstanceProfileResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n  <GetInstanceProfileResult>\n    <InstanceProfile>\n      <InstanceProfileId>AIPAD5ARO2C5EXAMPLE3G</InstanceProfileId>\n      <Roles>\n        <member>\n          <Path>/application_abc/component_xyz/</Path>\n          <Arn>arn:aws:iam::123456789012:role/application_abc/component_xyz/S3Access</Arn>\n          <RoleName>S3Access</RoleName>\n          <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%5B%22ec2.amazonaws.com%22%5D%7D%2C%22Action%22%3A%5B%22sts%3AAssumeRole%22%5D%7D%5D%7D</AssumeRolePolicyDocument>\n          <RoleId>AROACVYKSVTSZFEXAMPLE</RoleId>\n        </member>\n      </Roles>\n      <InstanceProfileName>Webserver</InstanceProfileName>\n      <Path>/application_abc/component_xyz/</Path>\n      <Arn>arn:aws:iam::123456789012:instance-profile/application_abc/component_xyz/Webserver</Arn>\n    </InstanceProfile>\n  </GetInstanceProfileResult>\n</GetInstanceProfileResponse>\n";
    let inputs = read(text);
    assert_eq!(kinds(&inputs), vec![InputKind::GetInstanceProfile]);
    let Facts::InstanceProfiles(profiles) = &inputs[0].facts else {
        panic!("profiles")
    };
    let profile = &profiles[0];
    assert_eq!(
        profile.name.as_ref().map(|n| n.span.slice(text)),
        Some("Webserver")
    );
    assert_eq!(
        profile.path.as_ref().map(|p| p.value.as_str()),
        Some("/application_abc/component_xyz/")
    );
    assert_eq!(
        profile.arn.as_ref().map(|a| a.value.as_str()),
        Some("arn:aws:iam::123456789012:instance-profile/application_abc/component_xyz/Webserver")
    );
    let trust = profile.roles[0]
        .trust_policy
        .as_ref()
        .unwrap_or_else(|| panic!("trust"));
    assert!(trust.text.contains("\"Service\":[\"ec2.amazonaws.com\"]"));
    assert!(trust.has_principal);
    // A URL-encoded trust policy pasted alone.
    let text = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D\n";
    let inputs = read(text);
    assert_eq!(kinds(&inputs), vec![InputKind::TrustPolicy]);
    // A cut-off XML answer says where its root opened.
    let inputs = read("<ListRolesResponse xmlns=\"x\">\n  <ListRolesResult>\n    <Roles>\n      <member>\n        <RoleName>web</RoleName>\n      </member>");
    assert_eq!(kinds(&inputs), vec![InputKind::GetRole]);
    assert_eq!(inputs[0].problems[0].id, "xml-invalid");
    let Facts::Roles(roles) = &inputs[0].facts else {
        panic!("roles")
    };
    assert_eq!(
        roles[0].name.as_ref().map(|n| n.value.as_str()),
        Some("web")
    );
}

#[test]
fn errors_in_later_parts_are_located_in_the_whole_paste() {
    let text = "$ aws sts get-caller-identity\n{\"UserId\": \"AIDASAMPLEUSERID\", \"Account\": \"123456789012\", \"Arn\": \"arn:aws:iam::123456789012:user/DevAdmin\"}\n$ aws iam get-role --role-name web\n{\n    \"Role\": {\n        \"RoleName\": \"web\",\n        \"Arn\": \"arn:aws:iam::123456789012:role/web\"\n";
    let inputs = read(text);
    assert_eq!(
        kinds(&inputs),
        vec![InputKind::CallerIdentity, InputKind::GetRole]
    );
    let problem = &inputs[1].problems[0];
    assert_eq!(problem.id, "json-truncated");
    assert_eq!(
        problem.location,
        engine::text::Location::of(text, problem.span.start)
    );
    assert_eq!(problem.location.line, 8);
    // The JSON reader's own sentence names the lines of the whole paste too: the object that is
    // still open started on line 4 or 5, never on line 1 or 2 of the part.
    let message = problem.message(Lang::En);
    assert!(message.contains("line 8"), "{message}");
    assert!(
        message.contains("line 5") || message.contains("line 4"),
        "{message}"
    );
    let Facts::Roles(roles) = &inputs[1].facts else {
        panic!("roles")
    };
    assert_eq!(
        roles[0].name.as_ref().map(|n| n.span.slice(text)),
        Some("web")
    );
}

#[test]
fn secrets_in_notes_around_an_output_are_still_located() {
    let text = "環境変数は AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG です\n{\"UserId\": \"AIDASAMPLEUSERID\", \"Account\": \"123456789012\", \"Arn\": \"arn:aws:iam::123456789012:user/DevAdmin\"}\n";
    let inputs = read(text);
    assert_eq!(kinds(&inputs), vec![InputKind::CallerIdentity]);
    let found: Vec<&str> = inputs[0]
        .secrets
        .iter()
        .map(|s| s.span.slice(text))
        .collect();
    assert_eq!(found, vec!["wJalrXUtnFEMI/K7MDENG"]);
}

#[test]
fn verbose_curl_joins_the_exchange_to_the_document_and_proxy_pages_are_named() {
    let text = "$ curl -v http://169.254.169.254/latest/meta-data/iam/info\n*   Trying 169.254.169.254:80...\n> GET /latest/meta-data/iam/info HTTP/1.1\n> Host: 169.254.169.254\n>\n< HTTP/1.1 200 OK\n< Content-Type: text/plain\n<\n{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : \"2024-06-20T18:51:35Z\",\n  \"InstanceProfileArn\" : \"arn:aws:iam::123456789012:instance-profile/web\",\n  \"InstanceProfileId\" : \"AIPAABCDEFGHIJKLMN123\"\n}\n";
    let inputs = read(text);
    assert_eq!(kinds(&inputs), vec![InputKind::ImdsIamInfo]);
    let Facts::ImdsIamInfo(info) = &inputs[0].facts else {
        panic!("info")
    };
    assert!(info.profile_arn.is_some());
    let http = info.http.as_ref().unwrap_or_else(|| panic!("exchange"));
    assert_eq!(http.status.as_ref().map(|s| s.value), Some(200));
    assert_eq!(http.method.as_ref().map(|m| m.value.as_str()), Some("GET"));

    let text = "$ curl -s http://169.254.169.254/latest/api/token -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 21600'\n<html><head><title>ERROR: The requested URL could not be retrieved</title></head>\n<body><p>Generated by proxy.corp.example (squid/3.5.20)</p></body></html>\n";
    let inputs = read(text);
    assert_eq!(kinds(&inputs), vec![InputKind::ImdsHttp]);
    let Facts::ImdsHttp(exchanges) = &inputs[0].facts else {
        panic!("exchanges")
    };
    assert_eq!(
        exchanges[0].proxy.as_ref().map(|p| p.span.slice(text)),
        Some("squid")
    );
    assert_eq!(
        exchanges[0].path.as_ref().map(|p| p.value.as_str()),
        Some("/latest/api/token")
    );
    assert_eq!(
        exchanges[0].method.as_ref().map(|m| m.value.as_str()),
        Some("PUT")
    );
}

#[test]
fn output_of_an_unused_command_is_named() {
    let text = "$ aws ec2 describe-vpcs\n{\"Vpcs\": [{\"VpcId\": \"vpc-0123\"}]}\n";
    let inputs = read(text);
    assert_eq!(kinds(&inputs), vec![InputKind::Unknown]);
    assert_eq!(inputs[0].problems.len(), 1);
    assert_eq!(inputs[0].problems[0].id, "not-diagnostic");
    assert!(inputs[0].problems[0]
        .message(Lang::En)
        .contains("`aws ec2 describe-vpcs`"));
}

#[test]
fn json_inside_a_log_line_is_read() {
    let text = "2024-06-20 18:51:35 INFO imds response: {\"Code\" : \"Success\", \"LastUpdated\" : \"2024-06-20T18:51:35Z\", \"InstanceProfileArn\" : \"arn:aws:iam::123456789012:instance-profile/web\", \"InstanceProfileId\" : \"AIPAABCDEFGHIJKLMN123\"}\n";
    let inputs = read(text);
    assert_eq!(kinds(&inputs), vec![InputKind::ImdsIamInfo]);
    let Facts::ImdsIamInfo(info) = &inputs[0].facts else {
        panic!("info")
    };
    assert_eq!(
        info.profile_id.as_ref().map(|id| id.span.slice(text)),
        Some("AIPAABCDEFGHIJKLMN123")
    );
    // Braces in prose are left alone.
    let inputs = read("the role {\"web\"} failed");
    assert_eq!(kinds(&inputs), vec![InputKind::Unknown]);
}

#[test]
fn members_copied_without_their_braces_are_read() {
    for prefix in ["", "                    "] {
        let text = format!("{prefix}\"IamInstanceProfile\": {{\n    \"Arn\": \"arn:aws:iam::123456789012:instance-profile/web\",\n    \"Id\": \"AIPAABCDEFGHIJKLMN123\"\n}},\n");
        let inputs = read(&text);
        assert_eq!(kinds(&inputs), vec![InputKind::DescribeInstances], "{text}");
        let Facts::Instances(instances) = &inputs[0].facts else {
            panic!("instances")
        };
        assert_eq!(
            instances[0]
                .profile_id
                .as_ref()
                .map(|id| id.span.slice(&text)),
            Some("AIPAABCDEFGHIJKLMN123")
        );
    }
    let text = "\"MetadataOptions\": {\"State\": \"applied\", \"HttpTokens\": \"required\", \"HttpPutResponseHopLimit\": 1, \"HttpEndpoint\": \"enabled\"}";
    let inputs = read(text);
    assert_eq!(kinds(&inputs), vec![InputKind::MetadataOptions]);
    let Facts::MetadataOptions(instances) = &inputs[0].facts else {
        panic!("options")
    };
    let options = instances[0]
        .metadata_options
        .as_ref()
        .unwrap_or_else(|| panic!("options"));
    assert_eq!(
        options.http_tokens.as_ref().map(|t| t.span.slice(text)),
        Some("required")
    );
}

#[test]
fn shell_chores_and_the_login_banner_are_skipped_not_errors() {
    let text = "\
Last login: Tue Mar  5 10:11:12 2024 from 203.0.113.5

   ,     #_
   ~\\_  ####_        Amazon Linux 2023
[ec2-user@ip-172-31-0-5 ~]$ cd /tmp
[ec2-user@ip-172-31-0-5 tmp]$ git status
fatal: not a git repository (or any of the parent directories): .git
[ec2-user@ip-172-31-0-5 tmp]$ curl -s http://169.254.169.254/latest/meta-data/iam/info
{\"Code\": \"Success\", \"LastUpdated\": \"2024-06-20T18:51:35Z\", \"InstanceProfileArn\": \"arn:aws:iam::123456789012:instance-profile/web\", \"InstanceProfileId\": \"AIPAABCDEFGHIJKLMN123\"}
[ec2-user@ip-172-31-0-5 tmp]$ ls
notes.txt
";
    let inputs = read(text);
    assert_eq!(
        kinds(&inputs),
        vec![
            InputKind::Unknown,
            InputKind::Unknown,
            InputKind::Unknown,
            InputKind::ImdsIamInfo,
            InputKind::Unknown
        ]
    );
    let skipped: Vec<Option<&str>> = inputs
        .iter()
        .filter(|input| input.kind == InputKind::Unknown)
        .map(|input| {
            assert_eq!(input.problems.len(), 1);
            assert_eq!(input.problems[0].id, "skipped");
            assert_eq!(
                input.problems[0].severity,
                engine::input::ProblemSeverity::Note
            );
            input.command.as_ref().map(|c| c.text.as_str())
        })
        .collect();
    assert_eq!(
        skipped,
        vec![None, Some("cd /tmp"), Some("git status"), Some("ls")]
    );
    // A paste meant for the diagnosis that fails to read is still an error.
    let inputs = read("$ aws iam get-role --role-name web\n{\"Role\": {\"RoleName\": \"web\",,}}");
    assert_eq!(
        inputs[0].problems[0].severity,
        engine::input::ProblemSeverity::Error
    );
}
