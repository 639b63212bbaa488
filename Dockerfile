# One image per service, from one recipe: the services differ only in which project is published and
# which port it listens on. Build one:   docker build --build-arg SERVICE=Users --build-arg PORT=3001 -t oneday/users .
# or all of them (docker-bake.json):    docker buildx bake
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG SERVICE
ARG PORT
# Both arguments name the image; without them every later step would fail with a path error instead.
RUN test -n "$SERVICE" && test -n "$PORT" || { echo "Give --build-arg SERVICE=<Users|Jobs|…> and --build-arg PORT=<app port>, or use docker buildx bake" >&2; exit 1; }
WORKDIR /src
# Restore first, from the project files alone, so a code change does not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY services/BuildingBlocks/OneDay.Contracts/*.csproj services/BuildingBlocks/OneDay.Contracts/
COPY services/BuildingBlocks/OneDay.ServiceDefaults/*.csproj services/BuildingBlocks/OneDay.ServiceDefaults/
COPY services/BuildingBlocks/OneDay.Persistence/*.csproj services/BuildingBlocks/OneDay.Persistence/
COPY services/BuildingBlocks/OneDay.Realtime/*.csproj services/BuildingBlocks/OneDay.Realtime/
COPY services/BuildingBlocks/OneDay.Documents/*.csproj services/BuildingBlocks/OneDay.Documents/
COPY services/${SERVICE}/OneDay.${SERVICE}/*.csproj services/${SERVICE}/OneDay.${SERVICE}/
RUN dotnet restore services/${SERVICE}/OneDay.${SERVICE}/OneDay.${SERVICE}.csproj
COPY services/BuildingBlocks/ services/BuildingBlocks/
COPY services/${SERVICE}/ services/${SERVICE}/
RUN dotnet publish services/${SERVICE}/OneDay.${SERVICE}/OneDay.${SERVICE}.csproj \
      --no-restore -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS final
ARG SERVICE
ARG PORT
# Services that hand people PDFs (jobs' labour contracts, payments' pay slips) need a Korean font: Debian's Noto
# Sans CJK, where OneDay.Documents looks for it by default. docker-bake.json sets this for those services only.
ARG PDF_FONTS=false
RUN if [ "$PDF_FONTS" = true ]; then \
      apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /app
COPY --from=build /app .
# The official images' non-root user (uid 1654); Kubernetes runs it with a read-only root filesystem.
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=${PORT} \
    ONEDAY_ENTRY_ASSEMBLY=OneDay.${SERVICE}.dll
EXPOSE ${PORT}
# No HEALTHCHECK: Kubernetes probes /health and /health/ready.
ENTRYPOINT ["sh", "-c", "exec dotnet \"$ONEDAY_ENTRY_ASSEMBLY\""]
