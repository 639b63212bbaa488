using System.Net;
using System.Net.Http.Json;
using Dapr.Workflow;
using Dapr.Workflow.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OneDay.Contracts;
using OneDay.Payments.Clients;
using OneDay.Payments.Ledger;
using OneDay.Payments.Providers;
using OneDay.Payments.Tests.Infrastructure;
using OneDay.Payments.WagePayments;
using OneDay.Payments.Workflows;

namespace OneDay.Payments.Tests;

/// <summary>A payments service of its own, to crash it mid-workflow without disturbing the other tests.</summary>
public sealed class CrashingPaymentsFixture : PaymentsFixture
{
    // Retries that outlast the crash: the workflow must still be waiting on jobs when payments comes back.
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["PaymentWorkflow:StepAttempts"] = "100";
        settings["PaymentWorkflow:RetryDelay"] = "00:00:00.200";
        return settings;
    }
}

/// <summary>
/// Workflows that outlive their process: one interrupted by a crash, and one started by the build before
/// <see cref="PaymentWorkflow.OneCollectionPatch"/> that is still waiting on jobs when the new build is deployed.
/// </summary>
public sealed class WorkflowRecoveryTests(CrashingPaymentsFixture fixture) : IClassFixture<CrashingPaymentsFixture>
{
    [Fact]
    public async Task A_workflow_interrupted_by_a_crash_resumes_where_it_stopped_and_does_each_effect_once()
    {
        var employerId = Guid.CreateVersion7();
        var workerId = Guid.CreateVersion7();
        var completed = await fixture.CompleteJobAsync(employerId, workerId, 200_000);
        var payment = await fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        fixture.Jobs.BeUnavailableFor(completed.ApplicationId);
        using var confirmed = await fixture.PayAndConfirmAsync(employerId, payment);
        Assert.Equal(HttpStatusCode.Accepted, confirmed.StatusCode);
        await Testing.Eventually.TrueAsync(() => Task.FromResult(fixture.Jobs.Calls.Contains($"paid:{completed.ApplicationId}")), what: "the workflow reaching jobs");
        using var employer = fixture.Client(employerId, UserRole.Employer);
        var inFlight = await employer.GetFromJsonAsync<PaymentView>($"/payments/{payment.Id}", ContractJson.Options);
        Assert.Equal(nameof(PaymentStatus.Processing), inFlight!.Status);
        Assert.Equal(PaymentWorkflowStep.Collecting, inFlight.WorkflowStep);

        await fixture.RestartPaymentsAsync();
        fixture.Jobs.Recover(completed.ApplicationId);

        await fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.Completed);
        Assert.Equal(198_515, await fixture.BalanceAsync(AccountKind.WorkerWallet, workerId));
        Assert.Equal(-220_000, await fixture.BalanceAsync(AccountKind.EmployerFunding, employerId));
        await fixture.Events.WaitForAsync(received => received.Count(e => e.Topic == "payment-completed" && e.Data.GetProperty("paymentId").GetGuid() == payment.Id) == 1);
        Assert.Equal(1, await fixture.QueryAsync(db => db.Settlements.CountAsync(s => s.PaymentId == payment.Id)));
        Assert.Equal(1, await fixture.QueryAsync(db => db.Journals.CountAsync(j => j.Reference == PaymentJournals.EscrowReference(payment.Id))));
        Assert.Equal(1, await fixture.QueryAsync(db => db.Journals.CountAsync(j => j.Reference == PaymentJournals.SettlementReference(payment.Id))));
        using var employerAfterRestart = fixture.Client(employerId, UserRole.Employer);
        var done = await employerAfterRestart.GetFromJsonAsync<PaymentView>($"/payments/{payment.Id}", ContractJson.Options);
        Assert.Null(done!.WorkflowStep);
        await fixture.AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task A_payment_waiting_on_jobs_through_the_deploy_finishes_on_its_old_steps_and_one_confirmed_after_it_is_collected_in_one()
    {
        await fixture.RestartPaymentsAsync(DeployedBeforeOneCollection);
        var (oldPayment, oldApplication) = await ConfirmWhileJobsIsDownAsync();
        await AssertWaitingOnJobsAsync(oldPayment, oldApplication, PaymentWorkflowStep.MarkingApplicationPaid);

        await fixture.RestartPaymentsAsync();
        var (newPayment, newApplication) = await ConfirmWhileJobsIsDownAsync();
        await AssertWaitingOnJobsAsync(newPayment, newApplication, PaymentWorkflowStep.Collecting);
        fixture.Jobs.Recover(oldApplication);
        fixture.Jobs.Recover(newApplication);

        foreach (var payment in new[] { oldPayment, newPayment })
        {
            await fixture.WaitForPaymentAsync(payment.Id, PaymentStatus.Completed);
            Assert.Equal(198_515, await fixture.BalanceAsync(AccountKind.WorkerWallet, payment.WorkerId));
            Assert.Equal(1, await fixture.QueryAsync(db => db.Journals.CountAsync(j => j.Reference == PaymentJournals.EscrowReference(payment.Id))));
            Assert.Equal(1, await fixture.QueryAsync(db => db.Settlements.CountAsync(s => s.PaymentId == payment.Id)));
        }
        await fixture.AssertLedgerBalancedAsync();
    }

    private async Task<(PaymentView Payment, Guid Application)> ConfirmWhileJobsIsDownAsync()
    {
        var employerId = Guid.CreateVersion7();
        var completed = await fixture.CompleteJobAsync(employerId, Guid.CreateVersion7(), 200_000);
        var payment = await fixture.CreatePaymentAsync(employerId, completed.ApplicationId);
        fixture.Jobs.BeUnavailableFor(completed.ApplicationId);
        using var confirmed = await fixture.PayAndConfirmAsync(employerId, payment);
        Assert.Equal(HttpStatusCode.Accepted, confirmed.StatusCode);
        return (payment, completed.ApplicationId);
    }

    private async Task AssertWaitingOnJobsAsync(PaymentView payment, Guid application, PaymentWorkflowStep step)
    {
        await Testing.Eventually.TrueAsync(() => Task.FromResult(fixture.Jobs.Calls.Contains($"paid:{application}")), what: "the workflow reaching jobs");
        using var employer = fixture.Client(payment.EmployerId, UserRole.Employer);
        Assert.Equal(step, (await employer.GetFromJsonAsync<PaymentView>($"/payments/{payment.Id}", ContractJson.Options))!.WorkflowStep);
    }

    /// <summary>The app as it was deployed before <see cref="PaymentWorkflow.OneCollectionPatch"/>: its workflow registrations replaced by the old definition.</summary>
    private static void DeployedBeforeOneCollection(IServiceCollection services)
    {
        services.RemoveAll<IWorkflowsFactory>();
        services.AddDaprWorkflow(options =>
        {
            options.RegisterWorkflow<WorkflowBeforeOneCollection>(nameof(PaymentWorkflow));
            options.RegisterActivity<CapturePaymentActivity>();
            options.RegisterActivity<FundEscrowActivity>();
            options.RegisterActivity<MarkApplicationPaidActivity>();
            options.RegisterActivity<SettlePaymentActivity>();
        });
    }

    /// <summary>
    /// The payment workflow of the build before <see cref="PaymentWorkflow.OneCollectionPatch"/>, on the path this test takes
    /// (captured, escrow funded, jobs marking it paid after retries, settled): the history an instance in flight carries into the deploy.
    /// </summary>
    private sealed class WorkflowBeforeOneCollection : Workflow<PaymentWorkflowInput, PaymentWorkflowStep>
    {
        public override async Task<PaymentWorkflowStep> RunAsync(WorkflowContext context, PaymentWorkflowInput input)
        {
            var forward = input.Retry.ForwardStep();
            context.SetCustomStatus(PaymentWorkflowStep.Capturing);
            await context.CallActivityAsync<CaptureResult>(nameof(CapturePaymentActivity), input.PaymentId, forward);
            context.SetCustomStatus(PaymentWorkflowStep.FundingEscrow);
            await context.CallActivityAsync<bool>(nameof(FundEscrowActivity), input.PaymentId, forward);
            context.SetCustomStatus(PaymentWorkflowStep.MarkingApplicationPaid);
            await context.CallActivityAsync<ApplicationMarkAnswer>(nameof(MarkApplicationPaidActivity), input.PaymentId, forward);
            context.SetCustomStatus(PaymentWorkflowStep.Settling);
            await context.CallActivityAsync<bool>(nameof(SettlePaymentActivity), input, forward);
            context.SetCustomStatus(PaymentWorkflowStep.Completed);
            return PaymentWorkflowStep.Completed;
        }
    }
}
