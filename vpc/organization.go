package vpc

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/smithy-go"
)

// OrganizationAccounts lists the active accounts of the organization the console's own
// credentials (cfg, before any role) belong to, with Organizations ListAccounts — which only the
// management account or a delegated administrator may call — and names in each the role roleName
// to assume there: -org-role-name, as Steampipe and prowler sweep an organization. Suspended or
// closing accounts are left out: no role can be assumed in them.
func OrganizationAccounts(ctx context.Context, cfg Config, roleName string) ([]AccountRef, error) {
	awsCfg, err := loadAWSConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	client := organizations.NewFromConfig(awsCfg, func(o *organizations.Options) {
		if cfg.EndpointURL != "" {
			o.BaseEndpoint = aws.String(cfg.EndpointURL)
		}
	})
	partition := partitionOf(awsCfg.Region)
	var out []AccountRef
	p := organizations.NewListAccountsPaginator(client, &organizations.ListAccountsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, organizationsError(err)
		}
		for _, a := range page.Accounts {
			if a.Status != "" && a.Status != orgtypes.AccountStatusActive {
				continue
			}
			id := aws.ToString(a.Id)
			out = append(out, AccountRef{ID: id, Name: aws.ToString(a.Name), RoleARN: RoleInAccount(partition, id, roleName)})
		}
	}
	return out, nil
}

// partitionOf is the ARN partition of a Region: aws-us-gov, aws-cn, or aws.
func partitionOf(region string) string {
	switch {
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	}
	return "aws"
}

// organizationsError words what Organizations refused, with the fix.
func organizationsError(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	cause := fmt.Errorf("list the organization's accounts: %w", err)
	apiErr, ok := errors.AsType[smithy.APIError](err)
	if !ok {
		return &Error{Code: Internal, Err: cause, Message: "Could not reach AWS Organizations to list the accounts. Check the network and the endpoint URL."}
	}
	switch apiErr.ErrorCode() {
	case "AWSOrganizationsNotInUseException":
		return &Error{Code: Invalid, Err: cause, Message: "The console's account is not in an AWS Organization, so -org-role-name has no accounts to list. Give the roles with -accounts instead."}
	case "AccessDeniedException":
		return &Error{Code: Unauthorized, Err: cause, Message: "AWS Organizations refused to list the accounts: only the management account or a delegated administrator may call organizations:ListAccounts. Start the console with those credentials, or give the roles with -accounts."}
	case "TooManyRequestsException":
		return &Error{Code: Throttled, Err: cause, Message: "AWS Organizations is throttling requests; try again in a moment."}
	}
	return &Error{Code: Internal, Err: cause, Message: fmt.Sprintf("AWS Organizations could not list the accounts (error %s).", apiErr.ErrorCode())}
}
