using OneDay.Config.Tests.Validation;
using OneDay.Deployment.Tests.Kustomize;
using YamlDotNet.RepresentationModel;

namespace OneDay.Deployment.Tests;

/// <summary>
/// The in-test kustomize renders what kustomize v5 renders (each expectation here was checked against
/// `kubectl kustomize`, kustomize v5.5.0) and refuses what it does not implement.
/// </summary>
public sealed class KustomizeBuildTests : IDisposable
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: app
                  image: oneday/web
                  args: [serve]
                  ports: [{containerPort: 80}]
                  env:
                    - {name: A, value: "1"}
                    - {name: B, value: "2"}
        """;

    private const string EnvPatch = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: any
        spec:
          template:
            spec:
              containers:
                - name: app
                  env:
                    - {name: B, value: "9"}
                    - {name: C, value: "3"}
        """;

    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_strategic_merge_merges_list_items_by_their_key_patch_items_first()
    {
        _folder.With("deployment.yaml", Deployment).With("patch.yaml", EnvPatch).With(Kustomization.FileName, """
            resources: [deployment.yaml]
            patches:
              - path: patch.yaml
                target: {kind: Deployment}
            """);

        var container = Container(Assert.Single(KustomizeBuild.Render(_folder.Path)));

        Assert.Equal(["B=9", "C=3", "A=1"], container.SequenceAt("env").Cast<YamlMappingNode>().Select(env => $"{env.ScalarAt("name")}={env.ScalarAt("value")}"));
        Assert.Equal(["serve"], container.ScalarsAt("args"));
    }

    [Fact]
    public void A_json_patch_replaces_the_value_at_its_pointer()
    {
        _folder.With("deployment.yaml", Deployment).With("patch.yaml", """
            - op: replace
              path: /spec/template/spec/containers/0/args
              value: [worker]
            """).With(Kustomization.FileName, """
            resources: [deployment.yaml]
            patches:
              - path: patch.yaml
                target: {group: apps, kind: Deployment, name: web}
            """);

        Assert.Equal(["worker"], Container(Assert.Single(KustomizeBuild.Render(_folder.Path))).ScalarsAt("args"));
    }

    [Fact]
    public void Namespace_labels_and_images_apply_to_every_resource_they_concern()
    {
        _folder.With("deployment.yaml", Deployment).With(Kustomization.FileName, """
            namespace: oneday
            labels:
              - pairs: {app.kubernetes.io/part-of: oneday}
            resources: [deployment.yaml, rbac.yaml]
            images:
              - {name: oneday/web, newTag: 1.2.3}
              - {name: oneday/other, newTag: "9"}
            """).With("rbac.yaml", """
            apiVersion: v1
            kind: Namespace
            metadata: {name: placeholder}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: reader}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
            subjects:
              - {kind: ServiceAccount, name: web}
              - {kind: ServiceAccount, name: elsewhere, namespace: other}
            """);

        var rendered = KustomizeBuild.Render(_folder.Path).ToDictionary(resource => resource.ScalarAt("kind")!);

        Assert.Equal("oneday/web:1.2.3", Container(rendered["Deployment"]).ScalarAt("image"));
        Assert.Equal("oneday", rendered["Deployment"].MappingAt("metadata")!.ScalarAt("namespace"));
        Assert.Equal("oneday", rendered["Namespace"].MappingAt("metadata")!.ScalarAt("name"));
        Assert.Null(rendered["Namespace"].MappingAt("metadata")!.ScalarAt("namespace"));
        Assert.Equal(["oneday", "other"], rendered["RoleBinding"].SequenceAt("subjects").Cast<YamlMappingNode>().Select(s => s.ScalarAt("namespace")));
        Assert.All(rendered.Values, resource => Assert.Equal("oneday", resource.MappingAt("metadata")!.MappingAt("labels")!.ScalarAt("app.kubernetes.io/part-of")));
        // labels without includeTemplates leave the pod template alone.
        Assert.Null(rendered["Deployment"].MappingAt("spec")!.MappingAt("template")!.MappingAt("metadata"));
    }

    [Theory]
    [InlineData("commonLabels: {a: b}", "'commonLabels' is not implemented")]
    [InlineData("labels:\n  - pairs: {a: b}\n    includeSelectors: true", "'includeSelectors' is not implemented")]
    [InlineData("images:\n  - {name: oneday/web, digest: sha256:0}", "'digest' is not implemented")]
    [InlineData("patches:\n  - path: patch.yaml\n    target: {kind: Deploy.*}", "is a pattern")]
    [InlineData("patches:\n  - path: patch.yaml", "has no target")]
    [InlineData("patches:\n  - patch: '[]'\n    target: {kind: Deployment}", "'patch' is not implemented")]
    public void A_kustomization_feature_the_renderer_does_not_implement_is_refused(string feature, string expected)
    {
        _folder.With("deployment.yaml", Deployment).With("patch.yaml", EnvPatch)
            .With(Kustomization.FileName, $"resources: [deployment.yaml]\n{feature}\n");

        var error = Assert.Throws<NotSupportedException>(() => KustomizeBuild.Render(_folder.Path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ports: [{containerPort: 81}]", "patch strategy this renderer does not know")]
    [InlineData("args: [other]", "patch strategy this renderer does not know")]
    [InlineData("$patch: replace", "directives and deletions")]
    [InlineData("image: null", "directives and deletions")]
    public void A_strategic_merge_the_renderer_cannot_do_as_kubernetes_does_is_refused(string containerPatch, string expected)
    {
        _folder.With("deployment.yaml", Deployment).With("patch.yaml", $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: any
            spec:
              template:
                spec:
                  containers:
                    - name: app
                      {containerPatch}
            """).With(Kustomization.FileName, """
            resources: [deployment.yaml]
            patches:
              - path: patch.yaml
                target: {kind: Deployment}
            """);

        var error = Assert.Throws<NotSupportedException>(() => KustomizeBuild.Render(_folder.Path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_patch_operation_other_than_replace_is_refused()
    {
        _folder.With("deployment.yaml", Deployment).With("patch.yaml", "- {op: remove, path: /spec}").With(Kustomization.FileName, """
            resources: [deployment.yaml]
            patches:
              - path: patch.yaml
                target: {kind: Deployment}
            """);

        Assert.Throws<NotSupportedException>(() => KustomizeBuild.Render(_folder.Path));
    }

    [Theory]
    [InlineData("resources: [deployment.yaml, deployment.yaml]", "is given twice")]
    [InlineData("resources: [../outside.yaml]", "outside the kustomization's folder")]
    [InlineData("resources: [deployment.yaml]\npatches:\n  - path: patch.yaml\n    target: {kind: Service}", "matches no resource")]
    public void A_kustomization_kustomize_would_refuse_is_refused(string kustomization, string expected)
    {
        _folder.With("deployment.yaml", Deployment).With("patch.yaml", EnvPatch).With(Kustomization.FileName, kustomization);

        var error = Assert.Throws<InvalidDataException>(() => KustomizeBuild.Render(_folder.Path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static YamlMappingNode Container(YamlMappingNode deployment) =>
        (YamlMappingNode)deployment.MappingAt("spec")!.MappingAt("template")!.MappingAt("spec")!.SequenceAt("containers")[0];
}
