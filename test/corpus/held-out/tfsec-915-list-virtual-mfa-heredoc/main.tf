resource "aws_iam_policy" "policy" {
  name = "mfa-policy"

  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Action": ["iam:ListVirtualMFADevices"],
      "Effect": "Allow",
      "Resource": "*"
    }
  ]
}
EOT
}
