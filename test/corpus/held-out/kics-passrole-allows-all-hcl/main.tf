resource "aws_iam_role" "this" {
  name = "test_role"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "LambdaAssume", Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "test_policy" {
  name = "test_policy"
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Sid = "PassAll", Effect = "Allow", Action = ["iam:PassRole"], Resource = "*" }]
  })
}
