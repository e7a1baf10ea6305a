resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "Ec2", Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

data "aws_iam_policy_document" "pass" {
  statement {
    sid       = "Pass"
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "a" {
  name   = "pass"
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.pass.json
}

resource "aws_iam_policy" "b" {
  name = "launch"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Run", Effect = "Allow", Action = "ec2:RunInstances", Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "b" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.b.arn
}
