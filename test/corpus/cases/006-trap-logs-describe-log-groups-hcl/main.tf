resource "aws_iam_policy" "p" {
  name = "describe-log-groups"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ListGroups"
      Effect   = "Allow"
      Action   = ["logs:DescribeLogGroups"]
      Resource = "*"
    }]
  })
}
