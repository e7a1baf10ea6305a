resource "aws_iam_role" "this" {
  name = "test_role"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "LambdaAssume", Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "this" {
  name   = "test_policy"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}

data "aws_iam_policy_document" "this" {
  statement {
    actions   = ["logs:PutLogEvents"]
    resources = ["arn:aws:logs:us-west-2:111122223333:log-group:SampleLogGroupName:*"]
  }
}
