data "aws_iam_policy_document" "policy" {
  statement {
    actions   = ["s3:ListAllMyBuckets"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "p" {
  name   = "list-buckets"
  policy = data.aws_iam_policy_document.policy.json
}
