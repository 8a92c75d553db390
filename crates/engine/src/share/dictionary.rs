//! The preset dictionary of format v1: text that AWS outputs about EC2 and IAM are made of.
//!
//! The compressor sees it before the case's own text (see [`super::codec`]), so any key or value
//! written here costs a few bits the first time a case uses it instead of a byte per character.
//! It holds only generic AWS vocabulary: JSON keys in the order the CLI prints them, ARN and id
//! prefixes, service principals, error codes and the fixed sentences of error messages, in the
//! minified JSON form that [`super::layout`] stores. Nothing in it comes from any one user's case.
//!
//! **Frozen.** Every v1 link was compressed against exactly these bytes: changing one byte makes
//! every existing v1 link undecodable. A test pins its length and hash; a better dictionary
//! needs a new format version (`v2`), with v1 kept for old links.
//!
//! Order matters a little: the nearest text (the end) is the cheapest to refer to, so the most
//! common pieces come last.

pub const DICTIONARY: &str = concat!(
    // SDK and CLI client errors, IMDS exchanges.
    "Unable to locate credentials. You can configure credentials by running \"aws configure\".\n",
    "botocore.exceptions.NoCredentialsError: Unable to locate credentials\n",
    "failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, http response error StatusCode: 404, request to EC2 IMDS failed\n",
    "Connect timeout on endpoint URL: \"http://169.254.169.254/latest/meta-data/iam/security-credentials/\"\n",
    "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"\n\t\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n <head>\n  <title>404 - Not Found</title>\n </head>\n <body>\n  <h1>404 - Not Found</h1>\n </body>\n</html>\n",
    "401 - Unauthorized 403 - Forbidden\n",
    "TOKEN=`curl -X PUT \"http://169.254.169.254/latest/api/token\" -H \"X-aws-ec2-metadata-token-ttl-seconds: 21600\"` && curl -H \"X-aws-ec2-metadata-token: $TOKEN\" http://169.254.169.254/latest/meta-data/iam/info\n",
    "> PUT http://169.254.169.254/latest/api/token\n> x-aws-ec2-metadata-token-ttl-seconds: 21600\n< HTTP 200\n",
    "> GET http://169.254.169.254/latest/meta-data/iam/security-credentials/\n> x-aws-ec2-metadata-token: \n",
    // Error messages.
    "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>",
    "</Message></Error><RequestId></RequestId></ErrorResponse>\n",
    "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1\n",
    "An error occurred (NoSuchEntity) when calling the GetInstanceProfile operation: Instance Profile  cannot be found.\n",
    "An error occurred (InvalidParameterValue) when calling the RunInstances operation: Value () for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name\n",
    "An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: \n",
    "An error occurred (AccessDenied) when calling the AddRoleToInstanceProfile operation: User: arn:aws:iam::",
    ":user/ is not authorized to perform: iam:AddRoleToInstanceProfile on resource: instance profile  because no identity-based policy allows the iam:AddRoleToInstanceProfile action\n",
    " with an explicit deny in a service control policy with an explicit deny in an identity-based policy\n",
    "An error occurred (AccessDenied) when calling the RunInstances operation: User: arn:aws:sts::",
    ":assumed-role/ is not authorized to perform: iam:PassRole on resource: arn:aws:iam::",
    ":role/ because no identity-based policy allows the iam:PassRole action\n",
    "An error occurred (LimitExceeded) when calling the AddRoleToInstanceProfile operation: ",
    "ec2:RunInstances iam:ListInstanceProfiles iam:GetInstanceProfile iam:PassRole\n",
    // Shell transcripts.
    "$ aws sts get-caller-identity\n",
    "$ aws sts decode-authorization-message --encoded-message \n",
    "$ aws ec2 describe-iam-instance-profile-associations --filters Name=instance-id,Values=\n",
    "$ aws ec2 describe-instances --instance-ids \n",
    "$ aws iam list-instance-profiles-for-role --role-name \n",
    "$ aws iam get-role --role-name \n",
    "$ aws iam get-instance-profile --instance-profile-name \n",
    "$ curl http://169.254.169.254/latest/meta-data/iam/security-credentials/\n",
    "$ curl http://169.254.169.254/latest/meta-data/iam/info\n",
    // Decoded authorization messages and policy simulation.
    "{\"allowed\":false,\"explicitDeny\":false,\"matchedStatements\":{\"items\":[]},\"failures\":{\"items\":[]},\"context\":{\"principal\":{\"id\":\"\",\"name\":\"\",\"arn\":\"arn:aws:iam::\"},\"action\":\"iam:PassRole\",\"resource\":\"arn:aws:iam::\",\"conditions\":{\"items\":[{\"key\":\"aws:Region\",\"values\":{\"items\":[{\"value\":\"us-east-1\"}]}}]}}}",
    "{\"EvaluationResults\":[{\"EvalActionName\":\"iam:PassRole\",\"EvalResourceName\":\"arn:aws:iam::\",\"EvalDecision\":\"implicitDeny\",\"MatchedStatements\":[],\"MissingContextValues\":[]}]}",
    "{\"DecodedMessage\":\"",
    // EC2.
    "{\"Reservations\":[{\"Groups\":[],\"Instances\":[{\"AmiLaunchIndex\":0,\"ImageId\":\"ami-\",\"InstanceId\":\"i-\",\"InstanceType\":\"t3.micro\",\"KeyName\":\"\",\"LaunchTime\":\"",
    "\",\"Monitoring\":{\"State\":\"disabled\"},\"Placement\":{\"AvailabilityZone\":\"us-east-1a\",\"GroupName\":\"\",\"Tenancy\":\"default\"},\"PrivateDnsName\":\"ip-10-0-0-",
    ".ec2.internal\",\"PrivateIpAddress\":\"10.0.0.\",\"ProductCodes\":[],\"PublicDnsName\":\"\",\"State\":{\"Code\":16,\"Name\":\"running\"},\"StateTransitionReason\":\"\",\"SubnetId\":\"subnet-\",\"VpcId\":\"vpc-\",\"Architecture\":\"x86_64\",",
    "\"BlockDeviceMappings\":[{\"DeviceName\":\"/dev/xvda\",\"Ebs\":{\"AttachTime\":\"\",\"DeleteOnTermination\":true,\"Status\":\"attached\",\"VolumeId\":\"vol-\"}}],\"ClientToken\":\"\",\"EbsOptimized\":false,\"EnaSupport\":true,\"Hypervisor\":\"xen\",",
    "\"NetworkInterfaces\":[{\"Attachment\":{\"AttachTime\":\"\",\"AttachmentId\":\"eni-attach-\",\"DeleteOnTermination\":true,\"DeviceIndex\":0,\"Status\":\"attached\",\"NetworkCardIndex\":0},\"Description\":\"\",\"Groups\":[{\"GroupName\":\"default\",\"GroupId\":\"sg-\"}],\"Ipv6Addresses\":[],\"MacAddress\":\"\",\"NetworkInterfaceId\":\"eni-\",\"OwnerId\":\"\",",
    "\"PrivateIpAddresses\":[{\"Primary\":true,\"PrivateDnsName\":\"\",\"PrivateIpAddress\":\"\"}],\"SourceDestCheck\":true,\"Status\":\"in-use\",\"InterfaceType\":\"interface\"}],\"RootDeviceName\":\"/dev/xvda\",\"RootDeviceType\":\"ebs\",\"SecurityGroups\":[{\"GroupName\":\"\",\"GroupId\":\"sg-\"}],",
    "\"Tags\":[{\"Key\":\"Name\",\"Value\":\"\"}],\"VirtualizationType\":\"hvm\",\"CpuOptions\":{\"CoreCount\":1,\"ThreadsPerCore\":2},\"CapacityReservationSpecification\":{\"CapacityReservationPreference\":\"open\"},\"HibernationOptions\":{\"Configured\":false},",
    "\"EnclaveOptions\":{\"Enabled\":false},\"PlatformDetails\":\"Linux/UNIX\",\"UsageOperation\":\"RunInstances\",\"UsageOperationUpdateTime\":\"\",\"PrivateDnsNameOptions\":{\"HostnameType\":\"ip-name\",\"EnableResourceNameDnsARecord\":false,\"EnableResourceNameDnsAAAARecord\":false},\"MaintenanceOptions\":{\"AutoRecovery\":\"default\"},\"CurrentInstanceBootMode\":\"legacy-bios\"}],\"OwnerId\":\"\",\"ReservationId\":\"r-\"}]}",
    "{\"InstanceId\":\"i-\",\"InstanceMetadataOptions\":{\"State\":\"pending\",\"HttpTokens\":\"required\",\"HttpPutResponseHopLimit\":2,\"HttpEndpoint\":\"disabled\",\"HttpProtocolIpv6\":\"disabled\",\"InstanceMetadataTags\":\"disabled\"}}",
    "\"MetadataOptions\":{\"State\":\"applied\",\"HttpTokens\":\"optional\",\"HttpPutResponseHopLimit\":1,\"HttpEndpoint\":\"enabled\",\"HttpProtocolIpv6\":\"disabled\",\"InstanceMetadataTags\":\"disabled\"},",
    "{\"IamInstanceProfileAssociations\":[{\"AssociationId\":\"iip-assoc-\",\"InstanceId\":\"i-\",\"IamInstanceProfile\":{\"Arn\":\"arn:aws:iam::",
    ":instance-profile/\",\"Id\":\"AIPA\"},\"State\":\"associating\"}]}",
    "{\"IamInstanceProfileAssociation\":{\"AssociationId\":\"iip-assoc-\",\"InstanceId\":\"i-\",\"IamInstanceProfile\":{\"Arn\":\"arn:aws:iam::",
    ":instance-profile/\",\"Id\":\"AIPA\"},\"State\":\"disassociating\"}}",
    "\"IamInstanceProfile\":{\"Arn\":\"arn:aws:iam::",
    ":instance-profile/\",\"Id\":\"AIPA\"},",
    // STS.
    "{\"UserId\":\"AIDA\",\"Account\":\"\",\"Arn\":\"arn:aws:iam::",
    ":user/\"}",
    "{\"UserId\":\"AROA\",\"Account\":\"\",\"Arn\":\"arn:aws:sts::",
    ":assumed-role/",
    "/i-\"}",
    // IAM: roles, profiles, trust policies.
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"\",\"Effect\":\"Allow\",\"Action\":[\"ec2:RunInstances\",\"iam:PassRole\",\"iam:ListInstanceProfiles\",\"iam:AddRoleToInstanceProfile\"],\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"iam:PassedToService\":\"ec2.amazonaws.com\"}}}]}",
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}",
    "{\"Roles\":[{\"Path\":\"/\",\"RoleName\":\"\",\"RoleId\":\"AROA\",\"Arn\":\"arn:aws:iam::",
    ":role/\",\"CreateDate\":\"\",\"AssumeRolePolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]},\"Description\":\"\",\"MaxSessionDuration\":3600}]}",
    "{\"InstanceProfiles\":[{\"Path\":\"/\",\"InstanceProfileName\":\"\",\"InstanceProfileId\":\"AIPA\",\"Arn\":\"arn:aws:iam::",
    ":instance-profile/\",\"CreateDate\":\"\",\"Roles\":[]}]}",
    "{\"Role\":{\"Path\":\"/\",\"RoleName\":\"\",\"RoleId\":\"AROA\",\"Arn\":\"arn:aws:iam::",
    ":role/\",\"CreateDate\":\"\",\"AssumeRolePolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]},\"MaxSessionDuration\":3600,\"RoleLastUsed\":{}}}",
    // IMDS documents.
    "{\"Code\":\"AssumeRoleUnauthorizedAccess\",\"Message\":\"EC2 cannot assume the role .  Please see documentation at https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html#roles-usingrole-ec2instance-permissions.\",\"LastUpdated\":\"\"}",
    "{\"Code\":\"InstanceProfileNotFound\",\"Message\":\"Instance Profile with Arn arn:aws:iam::",
    ":instance-profile/ does not exist\",\"LastUpdated\":\"\"}",
    "{\"Code\":\"Success\",\"Message\":\"Instance Profile does not contain a role...\",\"LastUpdated\":\"\"}",
    "{\"Code\":\"Success\",\"LastUpdated\":\"\",\"Type\":\"AWS-HMAC\",\"AccessKeyId\":\"\",\"SecretAccessKey\":\"\",\"Token\":\"\",\"Expiration\":\"\"}",
    "{\"Code\":\"Success\",\"LastUpdated\":\"\",\"InstanceProfileArn\":\"arn:aws:iam::",
    ":instance-profile/\",\"InstanceProfileId\":\"AIPA\"}",
    "{\"InstanceProfile\":{\"Path\":\"/\",\"InstanceProfileName\":\"\",\"InstanceProfileId\":\"AIPA\",\"Arn\":\"arn:aws:iam::",
    ":instance-profile/\",\"CreateDate\":\"",
    "T00:00:00+00:00\",\"Roles\":[{\"Path\":\"/\",\"RoleName\":\"\",\"RoleId\":\"AROA\",\"Arn\":\"arn:aws:iam::",
    ":role/\",\"CreateDate\":\"",
    "T00:00:00+00:00\",\"AssumeRolePolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}}]}}",
);
