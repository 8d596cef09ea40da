// Asks ECR for a registry password with aws-sdk-go v1, credentials from the SDK's default chain
// (environment, shared config with credential_process, container variables). Built in GOPATH
// mode against Debian's golang-github-aws-aws-sdk-go-dev:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o ecr-token-go ecr-token.go
//
// Usage: ecr-token-go ENDPOINT REGION; prints the authorization token, then the SDK's version.
package main

import (
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/ecr"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: ecr-token-go ENDPOINT REGION")
		os.Exit(2)
	}
	sess, err := session.NewSessionWithOptions(session.Options{
		SharedConfigState: session.SharedConfigEnable,
		Config: aws.Config{
			Endpoint:   aws.String(os.Args[1]),
			Region:     aws.String(os.Args[2]),
			MaxRetries: aws.Int(0),
		},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	answer, err := ecr.New(sess).GetAuthorizationToken(&ecr.GetAuthorizationTokenInput{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(aws.StringValue(answer.AuthorizationData[0].AuthorizationToken))
	fmt.Println(aws.SDKVersion)
}
