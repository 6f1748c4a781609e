package vpc

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// SetTags adds (or overwrites) the tags in add and removes the keys in
// remove on one resource (DeleteTags, then CreateTags). The rules checked at
// creation apply to add; a key may not be both added and removed.
func (s *Service) SetTags(ctx context.Context, resourceID string, add Tags, remove []string) error {
	if err := validateSetTags(resourceID, add, remove).Err(); err != nil {
		return err
	}
	if len(remove) > 0 {
		del := make([]types.Tag, 0, len(remove))
		for _, key := range remove {
			del = append(del, types.Tag{Key: &key})
		}
		_, err := s.ec2.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{resourceID}, Tags: del})
		if err != nil {
			return translate("remove tags from "+resourceID, err)
		}
	}
	if len(add) > 0 {
		_, err := s.ec2.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{resourceID}, Tags: add.toEC2()})
		if err != nil {
			return translate("tag "+resourceID, err)
		}
	}
	return nil
}

func validateSetTags(resourceID string, add Tags, remove []string) FieldErrors {
	errs := FieldErrors{}
	if resourceID == "" {
		errs.add(FieldEndpoint, "Choose the resource to tag.")
	}
	errs.add(FieldTags, add.problem())
	for i, key := range remove {
		// A key that is both removed and added is a rename gone wrong; the
		// order of the two calls would decide the outcome.
		if _, ok := add.Get(key); ok {
			errs.add(FieldTags, fmt.Sprintf("The tag key %q is both added and removed.", key))
		}
		errs.add(FieldTags, tagKeyProblem(key, i+1))
	}
	return errs.orNil()
}
