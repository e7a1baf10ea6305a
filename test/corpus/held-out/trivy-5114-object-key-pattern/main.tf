resource "aws_iam_policy" "this" {
  name   = "test"
  policy = data.aws_iam_policy_document.this.json
}

data "aws_iam_policy_document" "this" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::examplebucket/*/*.log"]
  }
}
