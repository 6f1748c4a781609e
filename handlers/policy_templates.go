package handlers

import (
	"bytes"
	"encoding/json"
	"strings"
)

// policyTemplates are starting points for a custom endpoint policy, offered on the policy step.
// Each holds placeholders (EXAMPLE-…) for the person to replace.
var policyTemplates = []struct {
	ID, Label string
	// Suffix limits a template to services whose name ends with it ("" for every service).
	Suffix string
	Doc    string
}{
	{"s3-bucket", "Only one S3 bucket", ".s3", `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "OnlyThisBucket",
      "Effect": "Allow",
      "Principal": "*",
      "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
      "Resource": ["arn:aws:s3:::EXAMPLE-BUCKET", "arn:aws:s3:::EXAMPLE-BUCKET/*"]
    }
  ]
}`},
	{"dynamodb-table", "Only one DynamoDB table", ".dynamodb", `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "OnlyThisTable",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "dynamodb:*",
      "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/EXAMPLE-TABLE"
    }
  ]
}`},
	{"organization", "Only principals of my organization", "", `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "OnlyMyOrganization",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "*",
      "Resource": "*",
      "Condition": {
        "StringEquals": { "aws:PrincipalOrgID": "o-EXAMPLEORGID" }
      }
    }
  ]
}`},
	{"read-only", "Read-only access", ".s3", `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadOnly",
      "Effect": "Allow",
      "Principal": "*",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": "*"
    }
  ]
}`},
}

// policyTemplate returns the document of a template offered for service.
func policyTemplate(id, service string) (string, bool) {
	for _, t := range policyTemplates {
		if t.ID == id && strings.HasSuffix(service, t.Suffix) {
			return t.Doc, true
		}
	}
	return "", false
}

// prettyPolicy indents a JSON policy for reading; text that is not JSON is shown as it is.
func prettyPolicy(doc string) string {
	var out bytes.Buffer
	if err := json.Indent(&out, []byte(doc), "", "  "); err != nil {
		return doc
	}
	return out.String()
}
