package views

import (
	"endpointconsole/views/ascode"
	"endpointconsole/vpc"
)

// CodeBlock is a change written as one kind of code, for CodeBlocks: the text, its heading
// (which names its scrolling region too) and the id of the element holding the text.
type CodeBlock struct {
	ID, Label, Text string
}

// CreateCode is the create req written as the AWS CLI command, CloudFormation and Terraform.
func CreateCode(req vpc.CreateEndpointRequest, region string) []CodeBlock {
	return codeBlocks(ascode.ForCreate(req, region))
}

// EndpointCode is the create that makes an endpoint like e, written as code.
func EndpointCode(e vpc.Endpoint, region string) []CodeBlock {
	return codeBlocks(ascode.ForEndpoint(e, region))
}

// ModifyRouteTablesCode is the AWS CLI command that adds the endpoint's route to the tables
// add and removes it from the tables remove.
func ModifyRouteTablesCode(endpointID string, add, remove []string, region string) []CodeBlock {
	return []CodeBlock{{ID: "code-modify-cli", Label: "AWS CLI command", Text: ascode.ModifyRouteTablesCLI(endpointID, add, remove, region)}}
}

func codeBlocks(f ascode.Forms) []CodeBlock {
	return []CodeBlock{
		{ID: "code-cli", Label: "AWS CLI command", Text: f.CLI},
		{ID: "code-cloudformation", Label: "CloudFormation template (YAML)", Text: f.CloudFormation},
		{ID: "code-terraform", Label: "Terraform configuration", Text: f.Terraform},
	}
}
