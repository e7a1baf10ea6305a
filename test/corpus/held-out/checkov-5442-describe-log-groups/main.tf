resource "aws_iam_policy" "policy" {
  name        = "test_policy"
  path        = "/"
  description = "lists log groups"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action   = ["logs:DescribeLogGroups"]
      Effect   = "Allow"
      Resource = "*"
    }]
  })
}
