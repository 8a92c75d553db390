//! Every item of issue 17's "what goes wrong" list, as a paste of what the client really prints
//! (wordings from the clients' own source, see `input/vocabulary.rs`), with the finding it must
//! give and the one it must not. The conclusion follows the evidence: a status code or network
//! failure decides whatever client printed it, contradicting evidence rules a finding out, and
//! stated context (`docker run`, Terraform HCL) counts.

use engine::input::InputKind;
use engine::lang::Lang;
use engine::rules::{diagnose, Case};

struct Expect {
    name: &'static str,
    text: &'static str,
    has: &'static [&'static str],
    not: &'static [&'static str],
    kinds: Option<&'static [&'static str]>,
}

const CASES: &[Expect] = &[
    Expect {
        name: "01-php-404",
        text: r#"PHP Fatal error:  Uncaught Aws\Exception\CredentialsException: Error retrieving credentials from the instance profile metadata service. (Client error: `GET http://169.254.169.254/latest/meta-data/iam/security-credentials/` resulted in a `404 Not Found` response:
<?xml version="1.0" encoding="iso-8859-1"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
(truncated...)
) in /var/www/vendor/aws/aws-sdk-php/src/Credentials/InstanceProfileProvider.php:88
"#,
        has: &["no-instance-profile-associated"],
        not: &[],
        kinds: None,
    },
    Expect {
        name: "02-php-401",
        text: r#"Error retrieving credentials from the instance profile metadata service. (Client error: `GET http://169.254.169.254/latest/meta-data/iam/security-credentials/` resulted in a `401 Unauthorized` response)
"#,
        has: &["imdsv2-token-required"],
        not: &[],
        kinds: None,
    },
    Expect {
        name: "03-php-curl28",
        text: r#"Aws\Exception\CredentialsException: Error retrieving credentials from the instance profile metadata service. (cURL error 28: Connection timed out after 1001 milliseconds (see https://curl.haxx.se/libcurl/c/libcurl-errors.html))
"#,
        has: &["imds-unreachable"],
        not: &[],
        kinds: None,
    },
    Expect {
        name: "04-java1-401",
        text: r#"com.amazonaws.AmazonServiceException: Unauthorized (Service: null; Status Code: 401; Error Code: null; Request ID: null)
	at com.amazonaws.internal.EC2ResourceFetcher.doReadResource(EC2ResourceFetcher.java:89)
	at com.amazonaws.auth.InstanceProfileCredentialsProvider.getCredentials(InstanceProfileCredentialsProvider.java:166)
"#,
        has: &["imdsv2-token-required"],
        not: &[],
        kinds: None,
    },
    Expect {
        name: "05-java1-endpoint",
        text: r#"com.amazonaws.SdkClientException: Unable to load AWS credentials from any provider in the chain: [EnvironmentVariableCredentialsProvider: Unable to load AWS credentials from environment variables (AWS_ACCESS_KEY_ID (or AWS_ACCESS_KEY) and AWS_SECRET_KEY (or AWS_SECRET_ACCESS_KEY)), com.amazonaws.auth.EC2ContainerCredentialsProviderWrapper@68e808e1: Unable to load credentials from service endpoint]
"#,
        has: &["client-error-unexplained"],
        not: &[],
        kinds: None,
    },
    Expect {
        name: "06-java2",
        text: r#"software.amazon.awssdk.core.exception.SdkClientException: Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(), EnvironmentVariableCredentialsProvider(), WebIdentityTokenCredentialsProvider(), ProfileCredentialsProvider(profileName=default, profileFile=ProfileFile(sections=[])), ContainerCredentialsProvider(), InstanceProfileCredentialsProvider()]) : [SystemPropertyCredentialsProvider(): Unable to load credentials from system settings. Access key must be specified either via environment variable (AWS_ACCESS_KEY_ID) or system property (aws.accessKeyId)., InstanceProfileCredentialsProvider(): Failed to load credentials from IMDS.]
"#,
        has: &["client-error-unexplained"],
        not: &[],
        kinds: None,
    },
    Expect {
        name: "07-rust",
        text: r#"2024-02-11T09:12:44.112Z  WARN aws_config::imds::credentials: received 404 from IMDS when loading profile information. Hint: This instance may not have an IAM role associated.
"#,
        has: &["no-instance-profile-associated"],
        not: &[],
        kinds: None,
    },
    Expect {
        name: "09-js3-pino",
        text: r#"{"level":50,"time":1700000000000,"pid":7,"hostname":"ip-10-0-1-5","err":{"type":"CredentialsProviderError","message":"Could not load credentials from any providers","stack":"CredentialsProviderError: Could not load credentials from any providers\n    at /app/node_modules/@aws-sdk/credential-provider-node/dist-cjs/defaultProvider.js:13:11"},"msg":"s3 upload failed"}
"#,
        has: &["client-error-unexplained"],
        not: &[],
        kinds: Some(&["sdk-error"]),
    },
    Expect {
        name: "10-cfn",
        text: r#"2024-03-01 10:11:12 UTC+0000	WebServer	CREATE_FAILED	Value (my-app-profile) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name (Service: AmazonEC2; Status Code: 400; Error Code: InvalidParameterValue; Request ID: 4b4a1e2c-1111-2222-3333-444455556666; Proxy: null)
"#,
        has: &["instance-profile-not-found"],
        not: &[],
        kinds: Some(&["aws-error"]),
    },
    Expect {
        name: "11-ansible",
        text: r#"TASK [Gather EC2 facts] ****
fatal: [localhost]: FAILED! => {"boto3_version": "1.26.0", "changed": false, "msg": "Failed to describe instances: Unable to locate credentials"}
"#,
        has: &["client-error-unexplained"],
        not: &[],
        kinds: None,
    },
    Expect {
        name: "12-cloud-init",
        text: r#"2024-01-10 10:00:01,234 - url_helper.py[WARNING]: Calling 'http://169.254.169.254/2009-04-04/meta-data/instance-id' failed [0/120s]: request error [HTTPConnectionPool(host='169.254.169.254', port=80): Max retries exceeded with url: /2009-04-04/meta-data/instance-id (Caused by ConnectTimeoutError(<urllib3.connection.HTTPConnection object at 0x7f>, 'Connection to 169.254.169.254 timed out. (connect timeout=50.0)'))]
"#,
        has: &["imds-unreachable"],
        not: &[],
        kinds: None,
    },
    Expect {
        name: "13-console",
        text: r#"Launch Failed
You are not authorized to perform this operation. Encoded authorization failure message: 4GIOHlTkIaWHQD0Q0m6XSnuUMCm-abcdEXAMPLEencoded0123456789
"#,
        has: &["authorization-message-encoded"],
        not: &[],
        kinds: Some(&["aws-error"]),
    },
    Expect {
        name: "14-ja-win",
        text: r#"Could not connect to the endpoint URL: "http://169.254.169.254/latest/api/token"
[WinError 10060] 接続済みの呼び出し先が一定の時間を過ぎても正しく応答しなかったため、接続できませんでした。または接続済みのホストが応答しなかったため、確立された接続は失敗しました。
"#,
        has: &["imds-unreachable"],
        not: &[],
        kinds: None,
    },
    Expect {
        name: "15-bare-arn",
        text: r#"$ aws sts get-caller-identity --query Arn --output text
arn:aws:sts::123456789012:assumed-role/web-role/i-0123456789abcdef0
"#,
        has: &[],
        not: &["client-error-unexplained"],
        kinds: Some(&["caller-identity"]),
    },
    Expect {
        name: "16-botocore-debug",
        text: r#"2024-05-02 10:11:12,345 - MainThread - botocore.utils - DEBUG - Metadata service returned non-200 response with status code of 404 for url: http://169.254.169.254/latest/meta-data/iam/security-credentials/, content body: b'<?xml version="1.0" encoding="iso-8859-1"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"\n\t"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">\n <head>\n  <title>404 - Not Found</title>\n </head>\n <body>\n  <h1>404 - Not Found</h1>\n </body>\n</html>\n'
2024-05-02 10:11:12,346 - MainThread - botocore.credentials - DEBUG - Looking for credentials via: iam-role
Unable to locate credentials. You can configure credentials by running "aws configure".
"#,
        has: &["no-instance-profile-associated"],
        not: &[],
        kinds: None,
    },
    Expect {
        name: "17-ssm",
        text: r#"2024-05-01 12:00:00 ERROR [EC2RoleProvider] [EC2RoleProvider] failed to retrieve instance profile role credentials. Err: EC2RoleRequestError: no EC2 instance role found
caused by: EC2MetadataError: failed to make EC2Metadata request

	status code: 404, request id: 
"#,
        has: &["no-instance-profile-associated"],
        not: &[],
        kinds: None,
    },
    Expect {
        name: "18-etimedout",
        text: r#"Error: connect ETIMEDOUT 169.254.169.254:80
    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16) {
  errno: -110,
  code: 'ETIMEDOUT',
  syscall: 'connect',
  address: '169.254.169.254',
  port: 80
}
"#,
        has: &["imds-unreachable"],
        not: &[],
        kinds: None,
    },
    Expect {
        name: "19-hostdown",
        text: r#"Error: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, request send failed, Get "http://169.254.169.254/latest/meta-data/iam/security-credentials/": dial tcp 169.254.169.254:80: connect: host is down
"#,
        has: &["imds-unreachable"],
        not: &["no-instance-profile-associated"],
        kinds: None,
    },
    Expect {
        name: "20-curl7",
        text: r#"$ curl http://169.254.169.254/latest/meta-data/iam/security-credentials/
curl: (7) Failed to connect to 169.254.169.254 port 80 after 3 ms: Couldn't connect to server
"#,
        has: &["imds-unreachable"],
        not: &[],
        kinds: Some(&["imds-http"]),
    },
    Expect {
        name: "21-ps",
        text: r#"PS C:\Users\Administrator> Invoke-RestMethod -Uri http://169.254.169.254/latest/meta-data/iam/security-credentials/
Invoke-RestMethod : Unable to connect to the remote server
At line:1 char:1
+ Invoke-RestMethod -Uri http://169.254.169.254/latest/meta-data/iam/se ...
"#,
        has: &["imds-unreachable"],
        not: &[],
        kinds: None,
    },
    Expect {
        name: "22-503-hop1",
        text: r#"$ aws ec2 describe-instances --instance-ids i-0123456789abcdef0 --query 'Reservations[].Instances[].MetadataOptions'
[
    {
        "State": "applied",
        "HttpTokens": "required",
        "HttpPutResponseHopLimit": 1,
        "HttpEndpoint": "enabled"
    }
]
$ docker logs app
operation error ec2imds: GetMetadata, exceeded maximum number of attempts, 3, http response error StatusCode: 503, request to EC2 IMDS failed
"#,
        has: &["imds-throttled"],
        not: &["imds-hop-limit"],
        kinds: None,
    },
    Expect {
        name: "23-refused-hop1",
        text: r#"$ aws ec2 describe-instances --instance-ids i-0123456789abcdef0 --query 'Reservations[].Instances[].MetadataOptions'
[
    {
        "State": "applied",
        "HttpTokens": "required",
        "HttpPutResponseHopLimit": 1,
        "HttpEndpoint": "enabled"
    }
]
$ docker logs app
Error: connect ECONNREFUSED 169.254.169.254:80
"#,
        has: &["imds-unreachable"],
        not: &["imds-hop-limit"],
        kinds: None,
    },
    Expect {
        name: "24-ps-401",
        text: r#"PS C:\> Invoke-RestMethod -Uri http://169.254.169.254/latest/meta-data/iam/security-credentials/
Invoke-RestMethod : The remote server returned an error: (401) Unauthorized.
"#,
        has: &["imdsv2-token-required"],
        not: &[],
        kinds: None,
    },
    Expect {
        name: "25-no-roles",
        text: r#"Error: Error launching source instance: InvalidParameterValue: IAM Instance Profile "arn:aws:iam::123456789012:instance-profile/web-profile" has no associated IAM Roles
	status code: 400, request id: 1a2b3c4d-0000-1111-2222-333344445555
"#,
        has: &["instance-profile-empty"],
        not: &[],
        kinds: None,
    },
    Expect {
        name: "26-asg",
        text: r#"Launching a new EC2 instance. Status Reason: Invalid IamInstanceProfile: web-profile. Launching EC2 instance failed.
"#,
        has: &["instance-profile-not-found"],
        not: &[],
        kinds: None,
    },
    Expect {
        name: "27-sim",
        text: r#"$ aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::123456789012:user/dev-alice --action-names iam:PassRole ec2:RunInstances --resource-arns arn:aws:iam::123456789012:role/web-role
{
    "EvaluationResults": [
        {
            "EvalActionName": "iam:PassRole",
            "EvalResourceName": "arn:aws:iam::123456789012:role/web-role",
            "EvalDecision": "implicitDeny",
            "MatchedStatements": [],
            "MissingContextValues": []
        },
        {
            "EvalActionName": "ec2:RunInstances",
            "EvalResourceName": "*",
            "EvalDecision": "allowed",
            "MatchedStatements": [{"SourcePolicyId": "launch"}],
            "MissingContextValues": []
        }
    ]
}
"#,
        has: &["pass-role-denied"],
        not: &["run-instances-denied"],
        kinds: None,
    },
    Expect {
        name: "28-addrole-passrole",
        text: r#"An error occurred (AccessDenied) when calling the AddRoleToInstanceProfile operation: User: arn:aws:iam::123456789012:user/dev-alice is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/web-role because no identity-based policy allows the iam:PassRole action
"#,
        has: &["add-role-to-profile-denied"],
        not: &["pass-role-denied"],
        kinds: None,
    },
    Expect {
        name: "29-docker-hop1",
        text: r#"$ aws ec2 describe-instances --instance-ids i-0123456789abcdef0 --query 'Reservations[].Instances[].MetadataOptions'
[
    {
        "State": "applied",
        "HttpTokens": "required",
        "HttpPutResponseHopLimit": 1,
        "HttpEndpoint": "enabled"
    }
]
$ docker run --rm amazon/aws-cli s3 ls
Unable to locate credentials. You can configure credentials by running "aws configure".
"#,
        has: &["imds-hop-limit"],
        not: &[],
        kinds: None,
    },
    Expect {
        name: "30-hcl-hop1",
        text: r#"resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  iam_instance_profile = aws_iam_instance_profile.app.name

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}
# the app runs in a docker container on this instance and gets:
# Unable to locate credentials
"#,
        has: &["imds-hop-limit"],
        not: &[],
        kinds: Some(&["metadata-options"]),
    },
    Expect {
        name: "31-proxy",
        text: r#"[ec2-user@ip-10-0-0-5 ~]$ export HTTP_PROXY=http://proxy.corp.example:3128
[ec2-user@ip-10-0-0-5 ~]$ curl -i http://169.254.169.254/latest/meta-data/iam/info
HTTP/1.1 403 Forbidden
Server: squid/4.15
X-Squid-Error: ERR_ACCESS_DENIED 0
Content-Type: text/html;charset=utf-8

<html><head><title>ERROR: The requested URL could not be retrieved</title></head></html>
[ec2-user@ip-10-0-0-5 ~]$ curl -s --noproxy '*' http://169.254.169.254/latest/meta-data/iam/info
{
  "Code" : "Success",
  "LastUpdated" : "2024-06-20T18:51:35Z",
  "InstanceProfileArn" : "arn:aws:iam::123456789012:instance-profile/web",
  "InstanceProfileId" : "AIPAABCDEFGHIJKLMN123"
}
"#,
        has: &["imds-via-proxy"],
        not: &["no-instance-profile-associated"],
        kinds: Some(&["imds-http", "imds-iam-info"]),
    },
    Expect {
        name: "32-noproxy",
        text: r#"$ env | grep -i proxy
HTTP_PROXY=http://proxy.corp.example:3128
HTTPS_PROXY=http://proxy.corp.example:3128
NO_PROXY=169.254.169.254,169.254.170.2,localhost,.internal
$ aws s3 ls
Unable to locate credentials. You can configure credentials by running "aws configure".
"#,
        has: &[],
        not: &["imds-via-proxy"],
        kinds: None,
    },
    Expect {
        name: "33-401-nobody",
        text: r#"$ curl -i http://169.254.169.254/latest/meta-data/iam/security-credentials/
HTTP/1.1 401 Unauthorized
Content-Length: 0
Date: Thu, 20 Jun 2024 18:51:35 GMT
Server: EC2ws
Connection: close
Content-Type: text/plain
"#,
        has: &["imdsv2-token-required"],
        not: &[],
        kinds: Some(&["imds-http"]),
    },
    Expect {
        name: "34-curl-v",
        text: r#"$ curl -v http://169.254.169.254/latest/meta-data/iam/info
*   Trying 169.254.169.254:80...
* Connected to 169.254.169.254 (169.254.169.254) port 80 (#0)
> GET /latest/meta-data/iam/info HTTP/1.1
> Host: 169.254.169.254
>
< HTTP/1.1 200 OK
< Content-Type: text/plain
<
{
  "Code" : "Success",
  "LastUpdated" : "2024-06-20T18:51:35Z",
  "InstanceProfileArn" : "arn:aws:iam::123456789012:instance-profile/web",
* Closing connection 0
  "InstanceProfileId" : "AIPAABCDEFGHIJKLMN123"
}
"#,
        has: &[],
        not: &[],
        kinds: Some(&["imds-iam-info"]),
    },
    Expect {
        name: "35-startinstances",
        text: r#"An error occurred (UnauthorizedOperation) when calling the StartInstances operation: You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/dev-alice is not authorized to perform: ec2:StartInstances on resource: arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0 because no identity-based policy allows the ec2:StartInstances action.
"#,
        has: &[],
        not: &["run-instances-denied"],
        kinds: None,
    },
    Expect {
        name: "36-escaped",
        text: r#"{\"allowed\":false,\"explicitDeny\":false,\"matchedStatements\":{\"items\":[]},\"failures\":{\"items\":[]},\"context\":{\"principal\":{\"id\":\"AIDAEXAMPLE\",\"arn\":\"arn:aws:iam::123456789012:user/dev-alice\"},\"action\":\"iam:PassRole\",\"resource\":\"arn:aws:iam::123456789012:role/web-role\",\"conditions\":{\"items\":[]}}}
"#,
        has: &["pass-role-denied"],
        not: &[],
        kinds: Some(&["authorization-message"]),
    },
    Expect {
        name: "37-ja-elided",
        text: r#"インスタンスの起動に失敗しました
You are not authorized to perform this operation. Encoded authorization failure message: 5GoYmKnA8Z2Hq_EXAMPLEblob-abc<中略>XyZ09
"#,
        has: &["authorization-message-encoded"],
        not: &[],
        kinds: None,
    },
    Expect {
        name: "08-go2-disabled",
        text: r#"│ Error: No valid credential sources found
│ 
│ Error: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, access disabled to EC2 IMDS via client option, or "AWS_EC2_METADATA_DISABLED" environment variable
"#,
        has: &["imds-disabled-by-client"],
        not: &["client-error-unexplained", "no-instance-profile-associated"],
        kinds: None,
    },
];

#[test]
fn each_item_gives_its_finding_and_not_the_wrong_one() {
    let mut failures = Vec::new();
    for case in CASES {
        let read = Case::read(&[case.text]);
        let diagnosis = diagnose(&read, Lang::En);
        let ids: Vec<&str> = diagnosis.findings.iter().map(|f| f.id).collect();
        let kinds: Vec<&str> = read
            .pastes
            .iter()
            .flat_map(|p| p.inputs.iter().map(|i| i.kind.id()))
            .collect();
        for id in case.has {
            if !ids.contains(id) {
                failures.push(format!("{}: missing {id} (got {ids:?})", case.name));
            }
        }
        for id in case.not {
            if ids.contains(id) {
                failures.push(format!("{}: must not give {id}", case.name));
            }
        }
        if let Some(expected) = case.kinds {
            if kinds != *expected {
                failures.push(format!(
                    "{}: kinds {kinds:?}, expected {expected:?}",
                    case.name
                ));
            }
        }
        // Nothing here is healthy: every case shows a failure or asks for more, or (curl -v,
        // the bare ARN) is a document read whole.
        assert!(
            !kinds.contains(&InputKind::Unknown.id()),
            "{}: unknown input",
            case.name
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn japanese_reads_the_same() {
    for case in CASES {
        let read = Case::read(&[case.text]);
        let en: Vec<&str> = diagnose(&read, Lang::En)
            .findings
            .iter()
            .map(|f| f.id)
            .collect();
        let ja: Vec<&str> = diagnose(&read, Lang::Ja)
            .findings
            .iter()
            .map(|f| f.id)
            .collect();
        assert_eq!(en, ja, "{}", case.name);
    }
}
