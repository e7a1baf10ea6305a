resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Sid = "LambdaAssume", Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

data "aws_iam_policy_document" "metrics" {
  statement {
    sid       = "PublishAppMetrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = ["Payments/Api"]
    }
  }
}

resource "aws_iam_role_policy" "metrics" {
  name   = "metrics"
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.metrics.json
}
