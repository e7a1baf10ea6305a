resource "aws_iam_user" "analyst" {
  name = "analyst"
}

data "aws_iam_policy_document" "home" {
  statement {
    sid       = "OwnPrefix"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["arn:aws:s3:::acme-home/home/$${aws:username}/*"]
  }
}

resource "aws_iam_user_policy" "home" {
  name   = "home"
  user   = aws_iam_user.analyst.name
  policy = data.aws_iam_policy_document.home.json
}
