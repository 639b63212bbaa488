using System.Net;
using System.Text;
using System.Text.Json;
using OneDay.DaprEmulator.Tests.Infrastructure;
using OneDay.DaprEmulator.Tests.TestApp;

namespace OneDay.DaprEmulator.Tests;

/// <summary>
/// daprd's workflow HTTP API (dapr pkg/api/http/workflow.go, pkg/api/universal/workflow.go,
/// pkg/runtime/wfengine/client.go; docs/dapr-workflow.md W.6.2) with a plain HttpClient, the workflows run
/// by the real Dapr.Workflow 1.19.1 worker.
/// </summary>
public sealed class WorkflowHttpApiTests(WorkflowTests.Fixture fixture) : IClassFixture<WorkflowTests.Fixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly HttpClient _http = fixture.Http;

    // Contract: start answers 202 {"instanceID"} under every API version, and GET reports name, times, status
    // and the input/output properties.
    [Theory]
    [InlineData("v1.0")]
    [InlineData("v1.0-beta1")]
    [InlineData("v1.0-alpha1")]
    public async Task Start_then_get_reports_the_completed_workflow(string version)
    {
        var id = "http-" + version.Replace(".", "", StringComparison.Ordinal);

        using var start = await PostAsync($"/{version}/workflows/dapr/{nameof(ChainWorkflow)}/start?instanceID={id}", "\"hi\"");

        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.Equal(id, (await JsonAsync(start)).GetProperty("instanceID").GetString());
        var state = await WaitForStatusAsync(id, "COMPLETED", version);
        Assert.Equal(nameof(ChainWorkflow), state.GetProperty("workflowName").GetString());
        var properties = state.GetProperty("properties");
        Assert.Equal("\"hi\"", properties.GetProperty("dapr.workflow.input").GetString());
        Assert.Equal("\"HI!!\"", properties.GetProperty("dapr.workflow.output").GetString());
        Assert.True(state.GetProperty("createdAt").GetDateTimeOffset() <= state.GetProperty("lastUpdatedAt").GetDateTimeOffset());
    }

    // Contract: without ?instanceID= daprd makes up a UUID, and it never reads the component segment.
    [Fact]
    public async Task Start_without_an_id_gets_a_uuid_whatever_the_component_name()
    {
        using var start = await PostAsync($"/v1.0/workflows/any-component/{nameof(ChainWorkflow)}/start", "\"x\"");

        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var id = (await JsonAsync(start)).GetProperty("instanceID").GetString()!;
        Assert.True(Guid.TryParseExact(id, "D", out _), id);
        await WaitForStatusAsync(id, "COMPLETED");
    }

    // Contract: a failed workflow reports its error type and message as properties (wfengine/client.go Get).
    [Fact]
    public async Task A_failed_workflow_reports_its_failure_properties()
    {
        var properties = (await StartAndWaitAsync(nameof(ChildFailingWorkflow), "http-failing", "FAILED", "\"boom\"")).GetProperty("properties");

        Assert.Equal("System.InvalidOperationException", properties.GetProperty("dapr.workflow.failure.error_type").GetString());
        Assert.Equal("child says boom", properties.GetProperty("dapr.workflow.failure.error_message").GetString());
    }

    // Contract: custom status shows as the dapr.workflow.custom_status property.
    [Fact]
    public async Task Custom_status_is_reported_as_a_property()
    {
        var state = await StartAndWaitAsync(nameof(StatusWorkflow), "http-status", "RUNNING");

        Assert.Equal("\"waiting\"", state.GetProperty("properties").GetProperty("dapr.workflow.custom_status").GetString());
    }

    // Contract: pause, resume and raiseEvent answer 202 with daprd's empty protojson body; events raised while
    // suspended wait for the resume.
    [Fact]
    public async Task Pause_raise_event_and_resume_drive_a_waiting_workflow()
    {
        const string id = "http-approval";
        await StartAndWaitAsync(nameof(ApprovalWorkflow), id, "RUNNING");

        using var pause = await PostAsync($"/v1.0/workflows/dapr/{id}/pause");
        Assert.Equal(HttpStatusCode.Accepted, pause.StatusCode);
        Assert.Equal("{}", await pause.Content.ReadAsStringAsync());
        await WaitForStatusAsync(id, "SUSPENDED");
        using var first = await PostAsync($"/v1.0/workflows/dapr/{id}/raiseEvent/approval", "\"a\"");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        using var resume = await PostAsync($"/v1.0/workflows/dapr/{id}/resume");
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        using var second = await PostAsync($"/v1.0/workflows/dapr/{id}/raiseEvent/approval", "\"b\"");

        var state = await WaitForStatusAsync(id, "COMPLETED");
        Assert.Equal("[\"a\",\"b\"]", state.GetProperty("properties").GetProperty("dapr.workflow.output").GetString());
    }

    // Contract: purge refuses an active instance (500 ERR_PURGE_WORKFLOW), terminate answers 202, and a purged
    // instance is gone (404 ERR_INSTANCE_ID_NOT_FOUND).
    [Fact]
    public async Task Terminate_then_purge_removes_the_instance()
    {
        const string id = "http-terminate";
        await StartAndWaitAsync(nameof(ApprovalWorkflow), id, "RUNNING");

        await AssertErrorAsync(await PostAsync($"/v1.0/workflows/dapr/{id}/purge"), HttpStatusCode.InternalServerError, "ERR_PURGE_WORKFLOW");
        using var terminate = await PostAsync($"/v1.0/workflows/dapr/{id}/terminate");
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        await WaitForStatusAsync(id, "TERMINATED");
        using var purge = await PostAsync($"/v1.0/workflows/dapr/{id}/purge");
        Assert.Equal(HttpStatusCode.Accepted, purge.StatusCode);

        await AssertErrorAsync(await _http.GetAsync(new Uri($"/v1.0/workflows/dapr/{id}", UriKind.Relative)), HttpStatusCode.NotFound, "ERR_INSTANCE_ID_NOT_FOUND",
            $"unable to find workflow with the provided instance ID: {id}");
    }

    // Contract: a new id is at most 64 bytes of letters and digits (any script), '-' and '_' (universal/workflow.go validateInstanceID).
    [Theory]
    [InlineData("bad$id", "ERR_INSTANCE_ID_INVALID", "workflow instance ID 'bad$id' is invalid: only alphanumeric and underscore characters are allowed")]
    [InlineData("a-very-long-instance-id-that-is-longer-than-sixty-four-characters-x", "ERR_INSTANCE_ID_TOO_LONG", "workflow instance ID exceeds the max length of 64 characters")]
    public async Task An_invalid_new_instance_id_is_400(string id, string errorCode, string message)
    {
        using var start = await PostAsync($"/v1.0/workflows/dapr/{nameof(ChainWorkflow)}/start?instanceID={Uri.EscapeDataString(id)}", "\"x\"");

        await AssertErrorAsync(start, HttpStatusCode.BadRequest, errorCode, message);
    }

    [Fact]
    public async Task An_instance_id_in_another_script_is_valid()
    {
        var state = await StartAndWaitAsync(nameof(ChainWorkflow), "주문-1_a", "COMPLETED");

        Assert.Equal("주문-1_a", state.GetProperty("instanceID").GetString());
    }

    // Contract: an active id cannot be started again (500 ERR_START_WORKFLOW, orchestrator/create.go).
    [Fact]
    public async Task Starting_an_active_id_again_is_refused()
    {
        const string id = "http-twice";
        using var first = await PostAsync($"/v1.0/workflows/dapr/{nameof(ApprovalWorkflow)}/start?instanceID={id}", "\"x\"");

        using var second = await PostAsync($"/v1.0/workflows/dapr/{nameof(ApprovalWorkflow)}/start?instanceID={id}", "\"x\"");

        var error = await AssertErrorAsync(second, HttpStatusCode.InternalServerError, "ERR_START_WORKFLOW");
        Assert.Contains($"an active workflow with ID '{id}' already exists", error, StringComparison.Ordinal);
    }

    // Contract: for an unknown id GET, terminate and purge are 404 ERR_INSTANCE_ID_NOT_FOUND; raiseEvent, pause
    // and resume fail as daprd's do, 500 with their own codes (universal/workflow.go).
    [Theory]
    [InlineData("GET", "", HttpStatusCode.NotFound, "ERR_INSTANCE_ID_NOT_FOUND")]
    [InlineData("POST", "/terminate", HttpStatusCode.NotFound, "ERR_INSTANCE_ID_NOT_FOUND")]
    [InlineData("POST", "/purge", HttpStatusCode.NotFound, "ERR_INSTANCE_ID_NOT_FOUND")]
    [InlineData("POST", "/raiseEvent/approval", HttpStatusCode.InternalServerError, "ERR_RAISE_EVENT_WORKFLOW")]
    [InlineData("POST", "/pause", HttpStatusCode.InternalServerError, "ERR_PAUSE_WORKFLOW")]
    [InlineData("POST", "/resume", HttpStatusCode.InternalServerError, "ERR_RESUME_WORKFLOW")]
    public async Task Calls_on_an_unknown_instance_fail_as_daprds_do(string method, string suffix, HttpStatusCode status, string errorCode)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri($"/v1.0/workflows/dapr/no-such-instance{suffix}", UriKind.Relative));

        await AssertErrorAsync(await _http.SendAsync(request), status, errorCode);
    }

    // Contract: the workflow routes sit behind the same dapr-api-token check as the rest of the HTTP API.
    [Fact]
    public async Task The_workflow_api_requires_the_api_token()
    {
        await using var host = new EmulatorTestHost();
        var sidecar = await host.StartSidecarOnlyAsync("workflow-token", daprApiToken: "s3cret");
        using var http = new HttpClient { BaseAddress = sidecar.HttpEndpoint };

        using var without = await http.GetAsync(new Uri("/v1.0/workflows/dapr/anything", UriKind.Relative));
        using var with = new HttpRequestMessage(HttpMethod.Get, new Uri("/v1.0/workflows/dapr/anything", UriKind.Relative));
        with.Headers.Add("dapr-api-token", "s3cret");

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        await AssertErrorAsync(await http.SendAsync(with), HttpStatusCode.NotFound, "ERR_INSTANCE_ID_NOT_FOUND");
    }

    // Contract: /v1.0/metadata reports workflows.connectedWorkers, the open GetWorkItems streams
    // (dapr pkg/api/http/metadata.go, pkg/runtime/wfengine/wfengine.go RuntimeMetadata).
    [Fact]
    public async Task Metadata_counts_the_connected_workflow_worker()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        JsonElement workflows;
        do
        {
            await Task.Delay(20, timeout.Token);
            workflows = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/v1.0/metadata", UriKind.Relative), timeout.Token)).RootElement.GetProperty("workflows");
        }
        while (!workflows.TryGetProperty("connectedWorkers", out _));

        Assert.Equal(1, workflows.GetProperty("connectedWorkers").GetInt32());
    }

    private Task<HttpResponseMessage> PostAsync(string path, string? body = null) =>
        _http.PostAsync(new Uri(path, UriKind.Relative), body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"));

    /// <summary>Starts a workflow over HTTP, asserts the 202 and waits until the instance reaches the status.</summary>
    private async Task<JsonElement> StartAndWaitAsync(string workflow, string id, string status, string input = "\"x\"")
    {
        using var start = await PostAsync($"/v1.0/workflows/dapr/{workflow}/start?instanceID={Uri.EscapeDataString(id)}", input);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        return await WaitForStatusAsync(id, status);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Asserts daprd's {"errorCode","message"} and returns the message.</summary>
    private static async Task<string> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode, string? message = null)
    {
        using (response)
        {
            var body = await JsonAsync(response);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(errorCode, body.GetProperty("errorCode").GetString());
            var actual = body.GetProperty("message").GetString()!;
            if (message is not null) Assert.Equal(message, actual);
            return actual;
        }
    }

    private async Task<JsonElement> WaitForStatusAsync(string id, string status, string version = "v1.0")
    {
        using var timeout = new CancellationTokenSource(Deadline);
        while (true)
        {
            using var response = await _http.GetAsync(new Uri($"/{version}/workflows/dapr/{Uri.EscapeDataString(id)}", UriKind.Relative), timeout.Token);
            var state = await JsonAsync(response);
            if (response.StatusCode == HttpStatusCode.OK && state.GetProperty("runtimeStatus").GetString() == status) return state;
            await Task.Delay(20, timeout.Token);
        }
    }
}
