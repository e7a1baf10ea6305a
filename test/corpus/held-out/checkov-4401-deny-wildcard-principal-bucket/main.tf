resource "aws_s3_bucket" "migrations" {
  bucket = "acme-migrations"
}

data "aws_iam_policy_document" "migrations" {
  statement {
    sid    = "DenyObjectDelete"
    effect = "Deny"
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    actions   = ["s3:DeleteObject"]
    resources = ["${aws_s3_bucket.migrations.arn}/*"]
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::111122223333:role/migrations-writer"]
    }
  }
}

resource "aws_s3_bucket_policy" "migrations" {
  bucket = aws_s3_bucket.migrations.id
  policy = data.aws_iam_policy_document.migrations.json
}
