resource "aws_iam_role" "this" {
  name = "test_role"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "LambdaAssume", Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

data "aws_iam_policy_document" "versions" {
  statement {
    sid       = "NewVersions"
    actions   = ["iam:CreatePolicyVersion"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "versions" {
  name   = "versions"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.versions.json
}
