variable "bucket_arn" {
  type = string
}

resource "aws_iam_policy" "p" {
  name = "delete-objects"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Sid = "Delete", Effect = "Allow", Action = "s3:DeleteObject", Resource = var.bucket_arn }]
  })
}
