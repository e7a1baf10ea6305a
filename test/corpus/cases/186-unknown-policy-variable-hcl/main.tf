variable "policy_json" {
  type = string
}

resource "aws_iam_policy" "p" {
  name   = "from-variable"
  policy = var.policy_json
}
