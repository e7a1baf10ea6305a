resource "aws_iam_role" "tfc_apply" {
  name = "tfc-apply"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "TfcApply"
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/app.terraform.io" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "app.terraform.io:aud" = "aws.workload.identity"
          "app.terraform.io:sub" = "organization:acme:project:platform:workspace:net-prod:run_phase:apply"
        }
      }
    }]
  })
}
